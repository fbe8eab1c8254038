import http from "node:http";
import { pipeline } from "node:stream";
import zlib from "node:zlib";
import type { ServerApp } from "@typhoon/server";
import { afterEach, describe, expect, it } from "vitest";
import { type ServerHandle, serve } from "../../src/index";
import { compression, gzip } from "../../src/middleware/index";
import { deferred, referenceLikeApp, streamingApp, withDeadlock } from "./helpers";

let server: ServerHandle | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(app: ServerApp): Promise<number> {
  server = await serve(app, { host: "127.0.0.1", port: 0, logLevel: "silent" });
  return server.port;
}

/** A raw GET over the socket: no client-side decompression, every chunk seen as it lands. */
function get(port: number, path: string, headers: Record<string, string>) {
  return new Promise<http.IncomingMessage>((resolve, reject) => {
    http.get({ host: "127.0.0.1", port, path, headers, agent: false }, resolve).on("error", reject);
  });
}

async function readAll(res: http.IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of res) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

describe("compression over a real socket", () => {
  it("gzips a whole JSON body with a correct Content-Length", async () => {
    const port = await start(gzip({ minimumSize: 1000 })(referenceLikeApp().serverApp));
    const res = await get(port, "/large?count=300", { "accept-encoding": "gzip" });
    expect(res.headers["content-encoding"]).toBe("gzip");
    expect(res.headers.vary).toBe("Accept-Encoding");
    const body = await readAll(res);
    expect(res.headers["content-length"]).toBe(String(body.length));
    const json = JSON.parse(zlib.gunzipSync(body).toString());
    expect(json.rows).toHaveLength(300);
    expect(json.rows[299]).toEqual({ index: 299, label: "row-0299" });
  });

  it.each([
    ["gzip", () => zlib.createGunzip()],
    ["br", () => zlib.createBrotliDecompress()],
  ] as const)(
    "streams a %s body chunk by chunk: each event decodes before the next is sent",
    async (coding, inflater) => {
      const events = Array.from({ length: 5 }, (_, i) => `data: event ${i}\n\n`);
      const delivered = events.map(() => deferred());
      // The app sends event i+1 only once the client has decoded event i: a middleware that
      // held compressed output back would stall here.
      const app = streamingApp(events, {
        beforeChunk: (i) =>
          i === 0 ? undefined : withDeadlock(delivered[i - 1]!.promise, `event ${i - 1}`),
      });
      const port = await start(compression({ encodings: [coding] })(app));
      const res = await get(port, "/", { "accept-encoding": coding });
      expect(res.headers["content-encoding"]).toBe(coding);
      expect(res.headers["content-length"]).toBeUndefined();
      expect(res.headers["transfer-encoding"]).toBe("chunked");
      let wire = 0;
      res.on("data", () => wire++);
      let text = "";
      const inflate = inflater();
      // pipeline, not pipe: a cut response must fail the decoder too, not leave it waiting.
      pipeline(res, inflate, () => {});
      for await (const piece of inflate) {
        text += (piece as Buffer).toString();
        events.forEach((event, i) => {
          if (text.includes(event)) delivered[i]!.resolve();
        });
      }
      expect(text).toBe(events.join(""));
      expect(wire).toBeGreaterThanOrEqual(events.length);
    },
  );

  it("compresses a streamed body whatever its size (the total is not known up front)", async () => {
    const port = await start(gzip({ minimumSize: 1000 })(streamingApp(["tiny"])));
    const res = await get(port, "/", { "accept-encoding": "gzip" });
    expect(res.headers["content-encoding"]).toBe("gzip");
    expect(zlib.gunzipSync(await readAll(res)).toString()).toBe("tiny");
  });
});
