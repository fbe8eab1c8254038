import { createHash } from "node:crypto";
import { encodeMultipart } from "typhoon/forms";
import { describe, expect, it } from "vitest";
import { expect422, expectJson, referenceClient } from "./helpers";

/** A hand-encoded multipart request (for mixes the `files` option cannot express). */
function multipart(entries: Parameters<typeof encodeMultipart>[0]) {
  const encoded = encodeMultipart(entries);
  return { content: encoded.body, headers: { "content-type": encoded.contentType } };
}

describe("apps/reference/SPEC.md §2.12 forms and files", () => {
  const { client } = referenceClient();

  it("POST /form/signup reads urlencoded fields, repeated fields fill the list", async () => {
    expectJson(
      await client.post("/form/signup", {
        data: {
          username: "ann",
          password: "pässwörd😀",
          age: "30",
          newsletter: "on",
          interests: ["chess", "go"],
        },
      }),
      {
        username: "ann",
        age: 30,
        newsletter: true,
        interests: ["chess", "go"],
        password_length: 9,
      },
    );
  });

  it("POST /form/signup reads the same fields from multipart", async () => {
    expectJson(
      await client.post(
        "/form/signup",
        multipart([
          ["username", "bob"],
          ["password", "abcd"],
          ["age", "13"],
          ["interests", "x"],
        ]),
      ),
      { username: "bob", age: 13, newsletter: false, interests: ["x"], password_length: 4 },
    );
  });

  it("empty strings count as absent: missing if required, the default otherwise", async () => {
    expect422(
      await client.post("/form/signup", {
        data: { username: "", password: "", age: "", newsletter: "" },
      }),
      [
        ["body", "username"],
        ["body", "password"],
        ["body", "age"],
      ],
    );
    expectJson(
      await client.post("/form/signup", {
        data: { username: "cyd", password: "abcd", age: "20", newsletter: "" },
      }),
      { username: "cyd", age: 20, newsletter: false, interests: [], password_length: 4 },
    );
  });

  it("POST /form/signup validates every field at [body, field]", async () => {
    expect422(
      await client.post("/form/signup", {
        data: { username: "ab", password: "abc", age: "12", newsletter: "maybe" },
      }),
      [
        ["body", "username"],
        ["body", "password"],
        ["body", "age"],
        ["body", "newsletter"],
      ],
    );
    expect422(await client.post("/form/signup", { json: { username: "ann" } }), [
      ["body", "username"],
      ["body", "password"],
      ["body", "age"],
    ]);
  });

  it("POST /upload describes the file: name, type, size, sha256, description", async () => {
    const content = "hello upload\n".repeat(1000);
    const res = await client.post("/upload", {
      data: { description: "greeting" },
      files: { file: { content, filename: "hello.txt", contentType: "text/plain" } },
    });
    expectJson(res, {
      filename: "hello.txt",
      content_type: "text/plain",
      size: Buffer.byteLength(content),
      sha256: createHash("sha256").update(content).digest("hex"),
      description: "greeting",
    });
    const bare = await client.post("/upload", {
      files: { file: { content: new Uint8Array([0, 1, 2]), filename: "b.bin" } },
    });
    expect(bare.json()).toMatchObject({
      filename: "b.bin",
      content_type: "application/octet-stream",
      size: 3,
      description: "",
    });
  });

  it("POST /upload: a text value instead of the file, or no multipart, is [body, file]", async () => {
    expect422(await client.post("/upload", multipart([["file", "just text"]])), [["body", "file"]]);
    expect422(await client.post("/upload", { data: { file: "x" } }), [["body", "file"]]);
    expect422(await client.post("/upload", { json: { file: "x" } }), [["body", "file"]]);
    expect422(await client.post("/upload"), [["body", "file"]]);
  });

  it("POST /upload/bytes: size and the first 5 bytes as Latin-1", async () => {
    expectJson(
      await client.post("/upload/bytes", {
        files: { data: { content: new Uint8Array([0x48, 0x69, 0xe9, 0xff, 0x00, 0x41, 0x42]) } },
      }),
      { size: 7, first: "Hiéÿ\u0000" },
    );
    expectJson(await client.post("/upload/bytes", { files: { data: { content: "ab" } } }), {
      size: 2,
      first: "ab",
    });
    expect422(await client.post("/upload/bytes"), [["body", "data"]]);
  });

  it("POST /upload/many: every file in upload order, at least one", async () => {
    expectJson(
      await client.post("/upload/many", {
        files: {
          files: [
            { content: "1", filename: "one.txt" },
            { content: "22", filename: "two.txt" },
            { content: "", filename: "empty.txt" },
          ],
        },
      }),
      {
        count: 3,
        files: [
          { filename: "one.txt", size: 1 },
          { filename: "two.txt", size: 2 },
          { filename: "empty.txt", size: 0 },
        ],
      },
    );
    expect422(await client.post("/upload/many", multipart([["other", "x"]])), [["body", "files"]]);
  });
});
