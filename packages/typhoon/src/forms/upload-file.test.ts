import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { UploadFile } from "./upload-file";

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "typhoon-forms-upload-"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function collect(stream: ReadableStream<Uint8Array>): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

/** 200 KiB of a repeating pattern, so a reordered chunk would show. */
const pattern = Buffer.from(Array.from({ length: 200 * 1024 }, (_, i) => (i * 7) % 251));

async function onDisk(bytes: Uint8Array): Promise<UploadFile> {
  const path = join(root, "upload");
  await writeFile(path, bytes);
  return new UploadFile({ path, size: bytes.byteLength }, { filename: "big.bin" });
}

describe("UploadFile", () => {
  it("describes itself with defaults for what the client did not send", () => {
    const file = new UploadFile("hi");
    expect(file.filename).toBe("");
    expect(file.contentType).toBe("application/octet-stream");
    expect(file.size).toBe(2);
    expect(file.headers).toEqual([["content-type", "application/octet-stream"]]);
    expect(file.path).toBeUndefined();
  });

  for (const where of ["memory", "disk"] as const) {
    describe(`in ${where}`, () => {
      const make = () =>
        where === "memory" ? Promise.resolve(new UploadFile(pattern)) : onDisk(pattern);

      it("reads the same bytes through bytes(), arrayBuffer() and stream(), repeatedly", async () => {
        const file = await make();
        expect(file.size).toBe(pattern.byteLength);
        expect(Buffer.compare(Buffer.from(await file.bytes()), pattern)).toBe(0);
        const buffer = await file.arrayBuffer();
        expect(buffer.byteLength).toBe(pattern.byteLength);
        expect(Buffer.compare(Buffer.from(buffer), pattern)).toBe(0);
        const chunks = await collect(file.stream());
        expect(chunks.length).toBe(Math.ceil(pattern.byteLength / (64 * 1024)));
        expect(Buffer.compare(Buffer.concat(chunks), pattern)).toBe(0);
        expect(Buffer.compare(Buffer.concat(await collect(file.stream())), pattern)).toBe(0);
      });

      it("hands out copies: changing one does not change the upload", async () => {
        const file = await make();
        const first = await file.bytes();
        first[0] = 255;
        expect((await file.bytes())[0]).toBe(pattern[0]);
      });

      it("throws a clear error when read after close()", async () => {
        const file = await make();
        await file.close();
        expect(file.closed).toBe(true);
        await expect(file.bytes()).rejects.toThrow(/closed/);
        await expect(file.text()).rejects.toThrow(/closed/);
        expect(() => file.stream()).toThrow(/closed/);
      });
    });
  }

  it("decodes text as UTF-8, with replacement characters for invalid bytes", async () => {
    const text = "naïve 🌊";
    expect(await new UploadFile(text).text()).toBe(text);
    expect(await new UploadFile(new Uint8Array([0x61, 0xff, 0x62])).text()).toBe("a\uFFFDb");
    expect(await (await onDisk(Buffer.from(text))).text()).toBe(text);
  });

  it("streams an empty file as an empty stream", async () => {
    expect(await collect(new UploadFile(new Uint8Array(0)).stream())).toEqual([]);
    expect(await collect((await onDisk(new Uint8Array(0))).stream())).toEqual([]);
  });

  it("works with Node streams through Readable.fromWeb", async () => {
    const file = await onDisk(pattern);
    const chunks: Buffer[] = [];
    for await (const chunk of Readable.fromWeb(file.stream() as never)) chunks.push(chunk);
    expect(Buffer.compare(Buffer.concat(chunks), pattern)).toBe(0);
  });

  it("close() deletes its temporary file; a cancelled stream releases the file handle", async () => {
    const file = await onDisk(pattern);
    const path = file.path as string;
    const reader = file.stream().getReader();
    await reader.read();
    await reader.cancel();
    await file.close();
    await expect(import("node:fs/promises").then((fs) => fs.stat(path))).rejects.toThrow(/ENOENT/);
  });
});
