import { describe, expect, it } from "vitest";
import { encodeMultipart } from "./encode-multipart";
import { parseForm } from "./parse-form";
import { UploadFile } from "./upload-file";

async function roundTrip(encoded: { body: Uint8Array; contentType: string }) {
  const receive = async () => ({
    type: "http.request" as const,
    body: encoded.body,
    more_body: false,
  });
  return parseForm(receive, encoded.contentType);
}

describe("encodeMultipart", () => {
  it("round-trips fields, repeated names and files through parseForm", async () => {
    const form = await roundTrip(
      encodeMultipart({
        title: "Hi 🌊",
        count: 3,
        tags: ["a", "b"],
        doc: { content: "hello", filename: "d.txt", contentType: "text/plain" },
        bin: { content: new Uint8Array([0, 255]) },
      }),
    );
    expect(form.get("title")).toBe("Hi 🌊");
    expect(form.get("count")).toBe("3");
    expect(form.getAll("tags")).toEqual(["a", "b"]);
    const doc = form.get("doc") as UploadFile;
    expect([doc.filename, doc.contentType, await doc.text()]).toEqual([
      "d.txt",
      "text/plain",
      "hello",
    ]);
    const bin = form.get("bin") as UploadFile;
    expect(bin).toBeInstanceOf(UploadFile);
    expect([bin.filename, bin.contentType]).toEqual(["upload", "application/octet-stream"]);
    expect(Array.from(await bin.bytes())).toEqual([0, 255]);
    await form.close();
  });

  it("takes pairs, and escapes quotes and line breaks in names", async () => {
    const encoded = encodeMultipart([
      ['we"ird', "1"],
      ["line\r\nbreak", { content: "x", filename: 'a"b.txt' }],
    ]);
    expect(Buffer.from(encoded.body).toString()).toContain('name="we%22ird"');
    const form = await roundTrip(encoded);
    expect(form.get("we%22ird")).toBe("1");
    expect((form.get("line%0D%0Abreak") as UploadFile).filename).toBe("a%22b.txt");
  });

  it("uses a fresh random boundary each time", () => {
    const a = encodeMultipart({ x: "1" }).contentType;
    const b = encodeMultipart({ x: "1" }).contentType;
    expect(a).toMatch(/^multipart\/form-data; boundary=----TyphoonFormBoundary[0-9a-f]{24}$/);
    expect(a).not.toBe(b);
  });
});
