import http from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import type { ServerApp } from "../types";
import { type ServerHandle, serve } from "./serve";

let handle: ServerHandle | undefined;
afterEach(async () => {
  await handle?.close();
  handle = undefined;
});

const quiet = { info() {}, warn() {}, error() {}, debug() {} };

/** Every byte value, and UTF-8 that is not latin1, repeated to `size` bytes. */
function bytesOf(size: number): Uint8Array {
  const pattern = Buffer.concat([
    Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
    Buffer.from("héllo ✓ 𝄞", "utf8"),
  ]);
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = pattern[i % pattern.length]!;
  return out;
}

function get(url: string, method = "GET") {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>(
    (resolve, reject) => {
      const request = http.request(url, { method }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        );
      });
      request.on("error", reject);
      request.end();
    },
  );
}

describe("a whole response (start + one final body)", () => {
  // Small bodies take the one-write path (head and body as one string), large ones do not.
  it.each([1, 300, 16 * 1024, 16 * 1024 + 1, 100_000])(
    "arrives byte for byte with its length: %i bytes",
    async (size) => {
      const sent = bytesOf(size);
      const app: ServerApp = async (scope, _receive, send) => {
        if (scope.type !== "http") return;
        await send({ type: "http.response.start", status: 200, headers: [["x-size", `${size}`]] });
        await send({ type: "http.response.body", body: sent });
      };
      handle = await serve(app, { host: "127.0.0.1", port: 0, logger: quiet });
      const response = await get(`${handle.url}/`);
      expect(response.status).toBe(200);
      expect(response.headers["content-length"]).toBe(String(size));
      expect(Buffer.compare(response.body, Buffer.from(sent))).toBe(0);
      const head = await get(`${handle.url}/`, "HEAD");
      expect(head.headers["content-length"]).toBe(String(size));
      expect(head.body.length).toBe(0);
    },
  );
});
