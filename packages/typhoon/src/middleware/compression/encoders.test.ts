import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { createEncoder } from "./encoders";

const settings = { gzipLevel: 6, brotliQuality: 4 };
const text = (n: number) => Buffer.from("typhoon streams ".repeat(n));

describe("encoders", () => {
  it("gzip: whole bodies, small (sync) and large (thread pool), round-trip", async () => {
    const encoder = createEncoder("gzip", settings);
    for (const body of [text(10), text(10_000)]) {
      const out = await encoder.whole(body);
      expect(zlib.gunzipSync(out)).toEqual(body);
      expect(out.byteLength).toBeLessThan(body.byteLength);
    }
  });

  it("brotli: whole bodies round-trip", async () => {
    const encoder = createEncoder("br", settings);
    for (const body of [text(10), text(10_000)]) {
      expect(zlib.brotliDecompressSync(await encoder.whole(body))).toEqual(body);
    }
  });

  it.each(["gzip", "br"] as const)(
    "%s stream: every write is flushed and decodable at once",
    async (name) => {
      const stream = createEncoder(name, settings).stream();
      const parts: Uint8Array[] = [];
      const inflate = (data: Buffer) =>
        name === "gzip"
          ? zlib.gunzipSync(data, { finishFlush: zlib.constants.Z_SYNC_FLUSH })
          : zlib.brotliDecompressSync(data, { finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
      let expected = "";
      for (const chunk of ["data: one\n\n", "data: two\n\n", "x".repeat(200_000)]) {
        parts.push(await stream.write(Buffer.from(chunk)));
        expected += chunk;
        // What was sent so far decodes to everything written so far: nothing held back.
        expect(inflate(Buffer.concat(parts)).toString()).toBe(expected);
      }
      parts.push(await stream.end(Buffer.from("end")));
      const all = Buffer.concat(parts);
      const full = name === "gzip" ? zlib.gunzipSync(all) : zlib.brotliDecompressSync(all);
      expect(full.toString()).toBe(`${expected}end`);
    },
  );
});
