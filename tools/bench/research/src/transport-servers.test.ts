import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFloorServer } from "./transport-floor";
import { startLlhttpServer } from "./transport-llhttp";
import type { TransportServer } from "./transport-socket";
import { exchange, statusLines } from "./transport-test-client";

const HELLO = "GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
const HELLO_BODY = '{"message":"Hello World"}';
const local = { host: "127.0.0.1", port: 0 };

const VARIANTS = [
  { name: "floor", start: () => startFloorServer(local) },
  { name: "llhttp", start: () => startLlhttpServer({ ...local, consume: false }) },
  { name: "llhttp-consume", start: () => startLlhttpServer({ ...local, consume: true }) },
] as const;

// What every transport variant must do for the benchmark's keep-alive GETs.
describe.each(VARIANTS)("transport variant $name", ({ start }) => {
  let server: TransportServer;
  beforeAll(async () => {
    server = await start();
  });
  afterAll(() => server?.close());

  const responses = (count: number) => (text: string) => statusLines(text).length >= count;

  it("answers GET /hello with node:http's headers and the JSON body, and keeps the connection", async () => {
    const { text, closed } = await exchange(server.port, [HELLO], {
      until: (t) => t.endsWith(HELLO_BODY),
    });
    expect(closed).toBe(false);
    const [head = "", body] = text.split("\r\n\r\n");
    const lines = head.split("\r\n");
    expect(lines[0]).toBe("HTTP/1.1 200 OK");
    expect(lines).toContain("Content-Type: application/json");
    expect(lines).toContain(`Content-Length: ${HELLO_BODY.length}`);
    expect(lines).toContain("Connection: keep-alive");
    const date = lines.find((line) => line.startsWith("Date: "))?.slice(6) ?? "";
    expect(Math.abs(Date.parse(date) - Date.now())).toBeLessThan(5_000);
    expect(body).toBe(HELLO_BODY);
  });

  it("answers another path with 404", async () => {
    const { text } = await exchange(server.port, ["GET /hello/x HTTP/1.1\r\nHost: a\r\n\r\n"], {
      until: (t) => t.endsWith("}"),
    });
    expect(statusLines(text)).toEqual(["HTTP/1.1 404 Not Found"]);
    expect(text.endsWith('{"detail":"Not Found"}')).toBe(true);
  });

  it("answers pipelined requests in order, from one write", async () => {
    const missing = "GET /nope HTTP/1.1\r\nHost: a\r\n\r\n";
    const { text } = await exchange(server.port, [HELLO + missing + HELLO], {
      until: responses(3),
    });
    expect(statusLines(text)).toEqual([
      "HTTP/1.1 200 OK",
      "HTTP/1.1 404 Not Found",
      "HTTP/1.1 200 OK",
    ]);
    expect(text.endsWith(HELLO_BODY)).toBe(true);
  });

  it("puts together a request split across reads, even inside the line and the blank line", async () => {
    const bytes = [...(HELLO + HELLO)];
    const { text } = await exchange(server.port, bytes, { gapMs: 2, until: responses(2) });
    expect(statusLines(text)).toEqual(["HTTP/1.1 200 OK", "HTTP/1.1 200 OK"]);
  });

  it("refuses a method other than GET with 501 and closes", async () => {
    const { text, closed } = await exchange(server.port, [
      `POST /hello HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\n{}${HELLO}`,
    ]);
    expect(statusLines(text)).toEqual(["HTTP/1.1 501 Not Implemented"]);
    expect(closed).toBe(true);
  });

  it("answers what came before a refusal, then closes", async () => {
    const { text, closed } = await exchange(server.port, [`${HELLO}DELETE / HTTP/1.1\r\n\r\n`]);
    expect(statusLines(text)).toEqual(["HTTP/1.1 200 OK", "HTTP/1.1 501 Not Implemented"]);
    expect(closed).toBe(true);
  });

  it("closes with 431 on a head larger than 16 KiB instead of buffering it", async () => {
    const huge = `GET /hello HTTP/1.1\r\nX-Big: ${"a".repeat(20 * 1024)}`;
    const { text, closed } = await exchange(server.port, [huge]);
    expect(statusLines(text)).toEqual(["HTTP/1.1 431 Request Header Fields Too Large"]);
    expect(closed).toBe(true);
  });
});

describe("llhttp variant, what the parser brings", () => {
  let server: TransportServer;
  beforeAll(async () => {
    server = await startLlhttpServer({ ...local, consume: true });
  });
  afterAll(() => server?.close());

  it("honours Connection: close and HTTP/1.0", async () => {
    for (const request of [
      "GET /hello HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
      "GET /hello HTTP/1.0\r\n\r\n",
    ]) {
      const { text, closed } = await exchange(server.port, [request]);
      expect(statusLines(text)).toEqual(["HTTP/1.1 200 OK"]);
      expect(text).toContain("Connection: close\r\n");
      expect(closed).toBe(true);
    }
  });

  it("reads the URL when llhttp hands it over early (heads of more than 32 header lines)", async () => {
    const headers = Array.from({ length: 40 }, (_, i) => `X-Header-${i}: ${i}\r\n`).join("");
    const request = `GET /hello HTTP/1.1\r\nHost: a\r\n${headers}\r\n`;
    const { text } = await exchange(server.port, [request, request], {
      until: (t) => statusLines(t).length >= 2,
    });
    expect(statusLines(text)).toEqual(["HTTP/1.1 200 OK", "HTTP/1.1 200 OK"]);
  });

  it("answers 400 to a malformed request and closes", async () => {
    const { text, closed } = await exchange(server.port, [
      "GET /hello HTTP/1.1\r\nBad Header\r\n\r\n",
    ]);
    expect(statusLines(text)).toEqual(["HTTP/1.1 400 Bad Request"]);
    expect(closed).toBe(true);
  });

  it("refuses an upgrade with 501", async () => {
    const upgrade =
      "GET /hello HTTP/1.1\r\nHost: a\r\nConnection: upgrade\r\nUpgrade: websocket\r\n\r\n";
    const { text, closed } = await exchange(server.port, [upgrade]);
    expect(statusLines(text)).toEqual(["HTTP/1.1 501 Not Implemented"]);
    expect(closed).toBe(true);
  });
});

describe("floor variant, what it does not do", () => {
  let server: TransportServer;
  beforeAll(async () => {
    server = await startFloorServer(local);
  });
  afterAll(() => server?.close());

  it("accepts HTTP/1.1 only: 505 and close for HTTP/1.0", async () => {
    const { text, closed } = await exchange(server.port, ["GET /hello HTTP/1.0\r\n\r\n"]);
    expect(statusLines(text)).toEqual(["HTTP/1.1 505 HTTP Version Not Supported"]);
    expect(closed).toBe(true);
  });

  it("answers 400 to a request line without a version", async () => {
    const { text, closed } = await exchange(server.port, ["GET /hello\r\nHost: a b\r\n\r\n"]);
    expect(statusLines(text)).toEqual(["HTTP/1.1 400 Bad Request"]);
    expect(closed).toBe(true);
  });
});

describe.each(VARIANTS)(
  "transport variant $name, a client that sends but never reads",
  ({ start }) => {
    let server: TransportServer;
    beforeAll(async () => {
      server = await start();
    });
    afterAll(() => server?.close());

    it("is cut off once a megabyte of answers waits for it, instead of growing the queue", async () => {
      const closed = await new Promise<boolean>((resolve) => {
        const socket = connect({ host: "127.0.0.1", port: server.port });
        socket.pause(); // never reads: answers pile up in the kernel, then in the server
        const timer = setTimeout(() => {
          socket.destroy();
          resolve(false);
        }, 4_000);
        const done = () => {
          clearTimeout(timer);
          resolve(true);
        };
        socket.on("error", done);
        socket.on("close", done);
        // 100 requests per write, up to 400,000 requests (16 MB): bounded either way.
        const batch = Buffer.from(HELLO.repeat(100));
        let sent = 0;
        const pump = () => {
          while (sent < 4_000 && !socket.destroyed) {
            sent++;
            if (!socket.write(batch)) return void socket.once("drain", pump);
          }
        };
        socket.once("connect", pump);
      });
      expect(closed).toBe(true);
    });
  },
);
