import { createHash } from "node:crypto";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { File, Form, Typhoon, UploadFile } from "../src/index";
import { OAuth2PasswordRequestForm, parseScopes } from "../src/security/index";
import { TestClient } from "../src/testing/index";

function makeApp() {
  const app = new Typhoon();
  app.post(
    "/form/signup",
    {
      params: {
        username: Form(v.pipe(v.string(), v.minLength(3))),
        password: Form(v.pipe(v.string(), v.minLength(4))),
        age: Form(v.pipe(v.number(), v.integer(), v.minValue(13))),
        newsletter: Form(v.optional(v.boolean(), false)),
        interests: Form(v.optional(v.array(v.string()), [])),
      },
    },
    ({ username, password, age, newsletter, interests }) => ({
      username,
      age,
      newsletter,
      interests,
      password_length: [...password].length,
    }),
  );
  app.post(
    "/upload",
    { params: { file: File(), description: Form(v.optional(v.string(), "")) } },
    async ({ file, description }) => ({
      filename: file.filename,
      content_type: file.contentType,
      size: file.size,
      sha256: createHash("sha256")
        .update(await file.bytes())
        .digest("hex"),
      description,
    }),
  );
  app.post("/upload/many", { params: { files: File({ many: true }) } }, ({ files }) => ({
    count: files.length,
    files: files.map((f) => ({ filename: f.filename, size: f.size })),
  }));
  app.post("/upload/optional", { params: { file: File({ required: false }) } }, ({ file }) => ({
    present: file instanceof UploadFile,
  }));
  app.post("/token", { params: { form: Form(OAuth2PasswordRequestForm) } }, ({ form }) => ({
    access_token: form.username,
    token_type: "bearer",
    scopes: parseScopes(form.scope),
  }));
  return app;
}

const locs = (res: { json(): { detail: { loc: unknown[] }[] } }) =>
  res.json().detail.map((e) => e.loc);

function multipart(
  parts: Array<{ name: string; value: string; filename?: string; type?: string }>,
) {
  const boundary = "----typhoon-test-boundary";
  let body = "";
  for (const part of parts) {
    body += `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"${part.filename !== undefined ? `; filename="${part.filename}"` : ""}\r\n`;
    if (part.type) body += `Content-Type: ${part.type}\r\n`;
    body += `\r\n${part.value}\r\n`;
  }
  body += `--${boundary}--\r\n`;
  return {
    content: body,
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}

describe("form fields", () => {
  const client = new TestClient(makeApp());

  it("coerces urlencoded fields like query params, with repeated fields filling lists", async () => {
    const res = await client.post("/form/signup", {
      data: {
        username: "ann",
        password: "pässwörd",
        age: "30",
        newsletter: "on",
        interests: ["a", "b"],
      },
    });
    expect(res.json()).toEqual({
      username: "ann",
      age: 30,
      newsletter: true,
      interests: ["a", "b"],
      password_length: 8,
    });
  });

  it("treats empty strings as absent and reports errors at ['body', field]", async () => {
    const res = await client.post("/form/signup", {
      data: { username: "", password: "abc", age: "x" },
    });
    expect(locs(res)).toEqual([
      ["body", "username"],
      ["body", "password"],
      ["body", "age"],
    ]);
  });

  it("reads the same fields from multipart bodies", async () => {
    const res = await client.post(
      "/form/signup",
      multipart([
        { name: "username", value: "bob" },
        { name: "password", value: "abcd" },
        { name: "age", value: "13" },
      ]),
    );
    expect(res.json()).toMatchObject({ username: "bob", age: 13 });
  });

  it("reads the OAuth2 password form as a form model", async () => {
    const res = await client.post("/token", {
      data: { username: "alice", password: "x", scope: "me items" },
    });
    expect(res.json()).toEqual({
      access_token: "alice",
      token_type: "bearer",
      scopes: ["me", "items"],
    });
    const json = await client.post("/token", { json: { username: "alice", password: "x" } });
    expect(locs(json)).toEqual([
      ["body", "username"],
      ["body", "password"],
    ]);
    const grant = await client.post("/token", {
      data: { username: "a", password: "b", grant_type: "client_credentials" },
    });
    expect(locs(grant)).toEqual([["body", "grant_type"]]);
  });
});

describe("uploads", () => {
  const client = new TestClient(makeApp());

  it("gives the handler an UploadFile with name, type, size and content", async () => {
    const res = await client.post(
      "/upload",
      multipart([
        { name: "file", value: "hello", filename: "a.txt", type: "text/plain" },
        { name: "description", value: "greeting" },
      ]),
    );
    expect(res.json()).toEqual({
      filename: "a.txt",
      content_type: "text/plain",
      size: 5,
      sha256: createHash("sha256").update("hello").digest("hex"),
      description: "greeting",
    });
  });

  it("reports a text value in place of the file, or no multipart at all, at ['body', 'file']", async () => {
    expect(
      locs(await client.post("/upload", multipart([{ name: "file", value: "not a file" }]))),
    ).toEqual([["body", "file"]]);
    expect(locs(await client.post("/upload", { json: {} }))).toEqual([["body", "file"]]);
  });

  it("collects repeated files in order, and requires at least one", async () => {
    const res = await client.post(
      "/upload/many",
      multipart([
        { name: "files", value: "1", filename: "one" },
        { name: "files", value: "22", filename: "two" },
      ]),
    );
    expect(res.json()).toEqual({
      count: 2,
      files: [
        { filename: "one", size: 1 },
        { filename: "two", size: 2 },
      ],
    });
    expect(
      locs(await client.post("/upload/many", multipart([{ name: "other", value: "x" }]))),
    ).toEqual([["body", "files"]]);
  });

  it("makes a file optional with required: false", async () => {
    expect(
      (await client.post("/upload/optional", multipart([{ name: "x", value: "y" }]))).json(),
    ).toEqual({ present: false });
  });

  it("answers a malformed multipart body with 400", async () => {
    const res = await client.post("/upload", {
      content: "garbage",
      headers: { "content-type": "multipart/form-data" },
    });
    expect(res.status).toBe(400);
    expect(typeof res.json().detail).toBe("string");
  });
});

describe("TestClient files", () => {
  it("sends files and fields as multipart", async () => {
    const client = new TestClient(makeApp());
    const res = await client.post("/upload", {
      data: { description: "via files" },
      files: { file: { content: "abc", filename: "x.bin", contentType: "application/x-thing" } },
    });
    expect(res.json()).toMatchObject({
      filename: "x.bin",
      content_type: "application/x-thing",
      size: 3,
      description: "via files",
    });
    const many = await client.post("/upload/many", {
      files: {
        files: [
          { content: "1", filename: "a" },
          { content: "22", filename: "b" },
        ],
      },
    });
    expect(many.json().count).toBe(2);
  });
});
