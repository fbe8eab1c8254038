import { mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type HTTPScope, httpRequest, serve } from "@typhoon/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Typhoon } from "../../src/index";
import { FileResponse, FileResponseError } from "../../src/responses";
import { TestClient } from "../../src/testing/index";
import { openDescriptors, rawRequest, readThenLeave, respond, SERVE } from "./helpers";

let dir: string;
let big: Buffer;
const mtime = new Date("2024-03-04T05:06:07.000Z");

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "typhoon-file-"));
  big = Buffer.alloc(200_000);
  for (let i = 0; i < big.length; i++) big[i] = (i * 7 + (i >> 8)) & 0xff;
  await writeFile(join(dir, "big.bin"), big);
  await writeFile(join(dir, "hello.txt"), "hello world\n");
  await writeFile(join(dir, "empty.txt"), "");
  await writeFile(join(dir, "report.csv"), "a,b\n1,2\n");
  for (const name of ["big.bin", "hello.txt"]) await utimes(join(dir, name), mtime, mtime);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Serves `dir/<path>` as a FileResponse with everything the route will pass. */
const files = () =>
  new TestClient(respond((scope) => new FileResponse(join(dir, scope.path.slice(1)))));

describe("FileResponse", () => {
  it("sends the file with type, length and validators", async () => {
    const res = await files().get("/big.bin");
    expect(res.status).toBe(200);
    expect(Buffer.from(res.body).equals(big)).toBe(true);
    expect(res.headers.get("content-type")).toBe("application/octet-stream");
    expect(res.headers.get("content-length")).toBe(String(big.length));
    expect(res.headers.get("accept-ranges")).toBe("bytes");
    expect(res.headers.get("last-modified")).toBe("Mon, 04 Mar 2024 05:06:07 GMT");
    expect(res.headers.get("etag")).toBe(
      `"${big.length.toString(16)}-${mtime.getTime().toString(16)}"`,
    );
    const text = await files().get("/hello.txt");
    expect(text.text).toBe("hello world\n");
    expect(text.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    const empty = await files().get("/empty.txt");
    expect(empty.status).toBe(200);
    expect(empty.headers.get("content-length")).toBe("0");
  });

  it("works when a Typhoon handler returns it", async () => {
    const app = new Typhoon();
    app.get(
      "/download",
      () => new FileResponse(join(dir, "report.csv"), { filename: "report.csv" }),
    );
    const res = await new TestClient(app).get("/download");
    expect(res.status).toBe(200);
    expect(res.text).toBe("a,b\n1,2\n");
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="report.csv"');
  });

  it("takes its type from the download name, and a chosen disposition", async () => {
    const client = new TestClient(
      respond(
        () =>
          new FileResponse(join(dir, "hello.txt"), {
            filename: "greeting €.html",
            contentDisposition: "inline",
            headers: { "cache-control": "max-age=60" },
          }),
      ),
    );
    const res = await client.get("/");
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(
      "inline; filename=\"greeting _.html\"; filename*=UTF-8''greeting%20%E2%82%AC.html",
    );
    expect(res.headers.get("cache-control")).toBe("max-age=60");
  });

  it("answers HEAD with the headers only", async () => {
    const res = await files().head("/big.bin");
    expect(res.status).toBe(200);
    expect(res.body.length).toBe(0);
    expect(res.headers.get("content-length")).toBe(String(big.length));
    expect(res.headers.get("etag")).toBeDefined();
  });

  it("fails with a FileResponseError for a missing file or a directory", async () => {
    const send = async () => {};
    const receive = async () => ({ type: "http.disconnect" }) as const;
    const scope = { type: "http", method: "GET", headers: [] } as unknown as HTTPScope;
    const missing = new FileResponse(join(dir, "missing.txt"));
    await expect(missing.respond(scope, receive, send)).rejects.toMatchObject({
      name: "FileResponseError",
      message: expect.stringContaining("ENOENT"),
    });
    await expect(new FileResponse(dir).respond(scope, receive, send)).rejects.toBeInstanceOf(
      FileResponseError,
    );
    const errors: unknown[] = [];
    const res = await httpRequest(
      respond(() => new FileResponse(join(dir, "missing.txt"))),
      { path: "/", logger: { info() {}, warn() {}, error: (_m, e) => errors.push(e) } },
    );
    expect(res.status).toBe(500);
    expect(errors[0]).toBeInstanceOf(FileResponseError);
  });
});

describe("FileResponse conditional GET", () => {
  it("answers 304 to a matching If-None-Match, keeping only validators", async () => {
    const first = await files().get("/hello.txt");
    const etag = first.headers.get("etag") as string;
    for (const value of [etag, `W/${etag}`, `"nope", ${etag}`, "*"]) {
      const res = await files().get("/hello.txt", { headers: { "if-none-match": value } });
      expect(res.status, value).toBe(304);
      expect(res.body.length).toBe(0);
      expect(res.headers.get("etag")).toBe(etag);
      expect(res.headers.get("content-type")).toBeUndefined();
      expect(res.headers.get("content-length")).toBeUndefined();
    }
    const changed = await files().get("/hello.txt", { headers: { "if-none-match": '"old"' } });
    expect(changed.status).toBe(200);
  });

  it("answers 304 when not modified since the given date", async () => {
    const since = (date: Date) => ({ headers: { "if-modified-since": date.toUTCString() } });
    expect((await files().get("/hello.txt", since(mtime))).status).toBe(304);
    expect(
      (await files().get("/hello.txt", since(new Date(mtime.getTime() + 60_000)))).status,
    ).toBe(304);
    expect((await files().get("/hello.txt", since(new Date(mtime.getTime() - 1000)))).status).toBe(
      200,
    );
    const bad = await files().get("/hello.txt", { headers: { "if-modified-since": "yesterday" } });
    expect(bad.status).toBe(200);
  });

  it("does not negotiate for other methods or statuses", async () => {
    const teapot = new TestClient(
      respond(() => new FileResponse(join(dir, "hello.txt"), { status: 418 })),
    );
    const res = await teapot.get("/", { headers: { "if-none-match": "*", range: "bytes=0-1" } });
    expect(res.status).toBe(418);
    expect(res.text).toBe("hello world\n");
  });
});

describe("FileResponse byte ranges", () => {
  it("sends one range as 206 with Content-Range", async () => {
    const res = await files().get("/big.bin", { headers: { range: "bytes=1000-70999" } });
    expect(res.status).toBe(206);
    expect(res.headers.get("content-range")).toBe(`bytes 1000-70999/${big.length}`);
    expect(res.headers.get("content-length")).toBe("70000");
    expect(Buffer.from(res.body).equals(big.subarray(1000, 71000))).toBe(true);
    const suffix = await files().get("/hello.txt", { headers: { range: "bytes=-6" } });
    expect(suffix.status).toBe(206);
    expect(suffix.text).toBe("world\n");
    expect(suffix.headers.get("content-range")).toBe("bytes 6-11/12");
  });

  it("sends several ranges as multipart/byteranges", async () => {
    const res = await files().get("/hello.txt", { headers: { range: "bytes=6-10, 0-4" } });
    expect(res.status).toBe(206);
    const type = res.headers.get("content-type") as string;
    const boundary = /^multipart\/byteranges; boundary=([0-9a-f]+)$/.exec(type)?.[1];
    expect(boundary).toBeDefined();
    expect(res.text).toBe(
      [
        `--${boundary}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Range: bytes 0-4/12\r\n\r\nhello`,
        `\r\n--${boundary}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Range: bytes 6-10/12\r\n\r\nworld`,
        `\r\n--${boundary}--\r\n`,
      ].join(""),
    );
    expect(res.headers.get("content-length")).toBe(String(res.body.length));
  });

  it("merges overlapping ranges into one", async () => {
    const res = await files().get("/hello.txt", { headers: { range: "bytes=0-3,2-4" } });
    expect(res.status).toBe(206);
    expect(res.text).toBe("hello");
    expect(res.headers.get("content-range")).toBe("bytes 0-4/12");
  });

  it("answers 416 when no range fits", async () => {
    const res = await files().get("/hello.txt", { headers: { range: "bytes=50-60" } });
    expect(res.status).toBe(416);
    expect(res.headers.get("content-range")).toBe("bytes */12");
    expect(res.body.length).toBe(0);
  });

  it("sends the whole file for a malformed range or a stale If-Range", async () => {
    const malformed = await files().get("/hello.txt", { headers: { range: "bytes=5-2" } });
    expect(malformed.status).toBe(200);
    expect(malformed.text).toBe("hello world\n");
    const etag = malformed.headers.get("etag") as string;
    const fresh = await files().get("/hello.txt", {
      headers: { range: "bytes=0-4", "if-range": etag },
    });
    expect(fresh.status).toBe(206);
    const stale = await files().get("/hello.txt", {
      headers: { range: "bytes=0-4", "if-range": '"stale"' },
    });
    expect(stale.status).toBe(200);
    expect(stale.text).toBe("hello world\n");
  });
});

describe("FileResponse over a real socket", () => {
  let server: Awaited<ReturnType<typeof serve>>;
  let huge: string;
  beforeAll(async () => {
    huge = join(dir, "huge.bin");
    await writeFile(huge, Buffer.alloc(16 * 1024 * 1024, 1));
    const app = respond((scope) => new FileResponse(join(dir, scope.path.slice(1))));
    // Counts the body bytes handed to the host (after a disconnect it drops them silently).
    server = await serve(
      (scope, receive, send) =>
        app(scope, receive, (message) => {
          if (message.type === "http.response.body") bytesSent += message.body?.length ?? 0;
          return send(message);
        }),
      SERVE,
    );
  });
  afterAll(() => server.close());
  let bytesSent = 0;

  it("downloads the whole file and a range", async () => {
    const res = await fetch(`${server.url}/big.bin`);
    expect(res.headers.get("content-length")).toBe(String(big.length));
    expect(Buffer.from(await res.arrayBuffer()).equals(big)).toBe(true);
    const part = await rawRequest(server.url, "/big.bin", { headers: { range: "bytes=-100" } });
    expect(part.status).toBe(206);
    expect(part.body.equals(big.subarray(big.length - 100))).toBe(true);
  });

  it("closes the file when the client disconnects mid-download", async () => {
    expect(openDescriptors(huge)).toBe(0);
    bytesSent = 0;
    const received = await readThenLeave(server.url, "/huge.bin", (t) => t.length >= 100_000);
    expect(received.length).toBeGreaterThanOrEqual(100_000);
    await vi.waitFor(() => expect(openDescriptors(huge)).toBe(0));
    // Reading stopped with the client: far from all 16 MiB went through send().
    expect(bytesSent).toBeLessThan(8 * 1024 * 1024);
    // The server still answers.
    const head = await rawRequest(server.url, "/hello.txt", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers["content-length"]).toBe("12");
  });
});
