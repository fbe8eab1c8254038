import * as v from "valibot";
import { describe, expect, expectTypeOf, it } from "vitest";
import { File, Form, Typhoon } from "../src/index";
import { TestClient } from "../src/testing/index";

// File({ bytes: true }): the upload's content as a Uint8Array, as FastAPI's
// `file: bytes = File()` (request_files tutorial001's /files/ route), one or many.

function makeApp() {
  const app = new Typhoon();
  app.post("/files/", { params: { file: File({ bytes: true }) } }, ({ file }) => {
    expectTypeOf(file).toEqualTypeOf<Uint8Array>();
    return { file_size: file.byteLength, text: new TextDecoder().decode(file) };
  });
  app.post(
    "/many/",
    { params: { files: File({ bytes: true, many: true }), note: Form(v.string()) } },
    ({ files, note }) => {
      expectTypeOf(files).toEqualTypeOf<Uint8Array[]>();
      return { sizes: files.map((f) => f.byteLength), note };
    },
  );
  app.post(
    "/optional/",
    { params: { file: File({ bytes: true, required: false }) } },
    ({ file }) => {
      expectTypeOf(file).toEqualTypeOf<Uint8Array | undefined>();
      return { present: file !== undefined };
    },
  );
  return app;
}

describe("File({ bytes: true })", () => {
  const client = new TestClient(makeApp());

  it("injects the content of the upload", async () => {
    const res = await client.post("/files/", {
      files: { file: { content: "<file content>", filename: "a.txt" } },
    });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ file_size: 14, text: "<file content>" });
  });

  it("injects every upload with many, beside form fields", async () => {
    const res = await client.post("/many/", {
      files: { files: [{ content: "1" }, { content: "22" }] },
      data: { note: "hi" },
    });
    expect(res.json()).toEqual({ sizes: [1, 2], note: "hi" });
  });

  it("answers 422 when the file is missing, and undefined when optional", async () => {
    const missing = await client.post("/files/", { data: { other: "x" } });
    expect(missing.status).toBe(422);
    expect(missing.json().detail).toEqual([
      { type: "missing", loc: ["body", "file"], msg: "Field required", input: null },
    ]);
    const optional = await client.post("/optional/", { data: { other: "x" } });
    expect(optional.json()).toEqual({ present: false });
  });

  it("is documented as a binary string, like an UploadFile", async () => {
    const doc = (await client.get("/openapi.json")).json();
    const content = doc.paths["/files/"].post.requestBody.content;
    const ref: string = content["multipart/form-data"].schema.$ref;
    const body = doc.components.schemas[ref.split("/").at(-1) as string];
    expect(body.properties.file).toMatchObject({ type: "string", format: "binary" });
  });
});
