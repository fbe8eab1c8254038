import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@typhoon/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Typhoon } from "../../src/index";
import { StaticFiles } from "../../src/staticfiles";
import { TestClient } from "../../src/testing/index";
import { rawRequest, SERVE } from "../responses/helpers";

let root: string; // holds public/ and, beside it, what must never be served
let publicDir: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "typhoon-static-"));
  publicDir = join(root, "public");
  await mkdir(join(publicDir, "css"), { recursive: true });
  await mkdir(join(publicDir, "docs"));
  await mkdir(join(publicDir, "empty-dir"));
  await writeFile(join(publicDir, "index.html"), "<h1>home</h1>");
  await writeFile(join(publicDir, "404.html"), "<h1>lost</h1>");
  await writeFile(join(publicDir, "css", "site.css"), "body { color: red }");
  await writeFile(join(publicDir, "docs", "index.html"), "<h1>docs</h1>");
  await writeFile(join(publicDir, "data.json"), '{"a":1}');
  await writeFile(join(publicDir, "%2e%2e"), "a file literally named %2e%2e");
  await writeFile(join(root, "secret.txt"), "TOP SECRET");
  await symlink(join(root, "secret.txt"), join(publicDir, "link-out.txt"));
  await symlink(join(publicDir, "css", "site.css"), join(publicDir, "link-in.css"));
  await symlink(root, join(publicDir, "dir-out"));
});
afterAll(() => rm(root, { recursive: true, force: true }));

function mounted(options: Omit<ConstructorParameters<typeof StaticFiles>[0], "directory"> = {}) {
  const app = new Typhoon();
  app.get("/api/ping", () => ({ pong: true }));
  app.mount("/static", new StaticFiles({ directory: publicDir, ...options }));
  return new TestClient(app);
}

describe("StaticFiles mounted in a Typhoon app", () => {
  let client: TestClient;
  beforeAll(() => {
    client = mounted();
  });

  it("serves files with their content types", async () => {
    const css = await client.get("/static/css/site.css");
    expect(css.status).toBe(200);
    expect(css.text).toBe("body { color: red }");
    expect(css.headers.get("content-type")).toBe("text/css; charset=utf-8");
    expect(css.headers.get("content-length")).toBe("19");
    const json = await client.get("/static/data.json?v=3");
    expect(json.json()).toEqual({ a: 1 });
    expect(json.headers.get("content-type")).toBe("application/json");
    expect((await client.get("/api/ping")).json()).toEqual({ pong: true });
  });

  it("answers 404 as JSON for missing files, directories and file paths with a slash", async () => {
    for (const path of [
      "/static/nope.txt",
      "/static/",
      "/static",
      "/static/docs",
      "/static/css/site.css/",
    ]) {
      const res = await client.get(path);
      expect(res.status, path).toBe(404);
      expect(res.json()).toEqual({ detail: "Not Found" });
    }
  });

  it("answers 405 with Allow for other methods, and HEAD with headers only", async () => {
    const post = await client.post("/static/css/site.css");
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
    expect(post.json()).toEqual({ detail: "Method Not Allowed" });
    const head = await client.head("/static/css/site.css");
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers.get("content-length")).toBe("19");
  });

  it("supports conditional GET and byte ranges", async () => {
    const first = await client.get("/static/css/site.css");
    const etag = first.headers.get("etag") as string;
    const again = await client.get("/static/css/site.css", { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const since = first.headers.get("last-modified") as string;
    const modified = await client.get("/static/css/site.css", {
      headers: { "if-modified-since": since },
    });
    expect(modified.status).toBe(304);
    const part = await client.get("/static/css/site.css", { headers: { range: "bytes=0-3" } });
    expect(part.status).toBe(206);
    expect(part.text).toBe("body");
    const beyond = await client.get("/static/css/site.css", { headers: { range: "bytes=99-" } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get("content-range")).toBe("bytes */19");
  });

  it("follows symlinks that stay inside the directory", async () => {
    const res = await client.get("/static/link-in.css");
    expect(res.status).toBe(200);
    expect(res.text).toBe("body { color: red }");
  });
});

describe("StaticFiles path traversal", () => {
  let client: TestClient; // html mode must not open any door either
  beforeAll(() => {
    client = mounted({ html: true });
  });

  // The in-process host decodes the path once, as the Node server does.
  const attacks = [
    "/static/../secret.txt",
    "/static/css/../../secret.txt",
    "/static/%2e%2e/secret.txt",
    "/static/%2E%2E/%2e%2e/secret.txt",
    "/static/..%2fsecret.txt",
    "/static/..%2Fsecret.txt",
    "/static/%252e%252e/secret.txt",
    "/static/%252e%252e%252fsecret.txt",
    "/static/..%5csecret.txt",
    "/static/..\\secret.txt",
    "/static/css/..%5c..%5csecret.txt",
    "/static/secret.txt%00.css",
    "/static/css/site.css%00",
    "/static/%00",
    "/static//etc/passwd",
    "/static/%2fetc%2fpasswd",
    "/static/link-out.txt",
    "/static/dir-out/secret.txt",
    "/static/dir-out/",
  ];

  it.each(attacks)("refuses %s with 404", async (path) => {
    const res = await client.get(path);
    expect(res.status).toBe(404);
    expect(res.text).not.toContain("SECRET");
  });

  it("keeps absolute paths inside the directory", async () => {
    for (const path of [
      `/static/${root}/secret.txt`,
      `/static/${encodeURIComponent(root)}/secret.txt`,
    ]) {
      const res = await client.get(path);
      expect(res.status, path).toBe(404);
      expect(res.text).not.toContain("SECRET");
    }
  });

  it("treats a still-encoded name literally, never decoding twice", async () => {
    const res = await client.get("/static/%252e%252e");
    expect(res.status).toBe(200);
    expect(res.text).toBe("a file literally named %2e%2e");
  });

  it("serves links leading outside only with followSymlinks", async () => {
    const follow = mounted({ followSymlinks: true });
    expect((await follow.get("/static/link-out.txt")).text).toBe("TOP SECRET");
    expect((await follow.get("/static/dir-out/secret.txt")).status).toBe(200);
    // Following links never allows `..` itself.
    expect((await follow.get("/static/%2e%2e/secret.txt")).status).toBe(404);
  });
});

describe("StaticFiles HTML mode", () => {
  let client: TestClient;
  beforeAll(() => {
    client = mounted({ html: true });
  });

  it("serves index.html for a directory with a trailing slash", async () => {
    const home = await client.get("/static/");
    expect(home.status).toBe(200);
    expect(home.text).toBe("<h1>home</h1>");
    expect(home.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect((await client.get("/static/docs/")).text).toBe("<h1>docs</h1>");
  });

  it("redirects a directory without its slash (307, query kept)", async () => {
    const docs = await client.get("/static/docs?page=2", { followRedirects: false });
    expect(docs.status).toBe(307);
    expect(docs.headers.get("location")).toBe("./docs/?page=2");
    expect(new URL(docs.headers.get("location") as string, "http://x/static/docs").pathname).toBe(
      "/static/docs/",
    );
    const top = await client.get("/static", { followRedirects: false });
    expect(top.status).toBe(307);
    expect(new URL(top.headers.get("location") as string, "http://x/static").pathname).toBe(
      "/static/",
    );
  });

  it("serves 404.html with status 404 for anything missing", async () => {
    for (const path of ["/static/missing", "/static/empty-dir/", "/static/../secret.txt"]) {
      const res = await client.get(path);
      expect(res.status, path).toBe(404);
      expect(res.text).toBe("<h1>lost</h1>");
      expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    }
  });

  it("falls back to the JSON 404 without a 404.html", async () => {
    const dir = await mkdtemp(join(tmpdir(), "typhoon-static-no404-"));
    try {
      const bare = new TestClient(new StaticFiles({ directory: dir, html: true }));
      const res = await bare.get("/missing");
      expect(res.status).toBe(404);
      expect(res.json()).toEqual({ detail: "Not Found" });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("StaticFiles directory checks", () => {
  it("throws at construction for a missing directory or a file", () => {
    expect(() => new StaticFiles({ directory: join(root, "nope") })).toThrow(/does not exist/);
    expect(() => new StaticFiles({ directory: join(root, "secret.txt") })).toThrow(
      /not a directory/,
    );
  });

  it("with checkDir false, answers 404 until the directory appears", async () => {
    const later = join(root, "later");
    const client = new TestClient(new StaticFiles({ directory: later, checkDir: false }));
    expect((await client.get("/a.txt")).status).toBe(404);
    await mkdir(later);
    await writeFile(join(later, "a.txt"), "now here");
    const res = await client.get("/a.txt");
    expect(res.status).toBe(200);
    expect(res.text).toBe("now here");
  });
});

describe("StaticFiles over a real socket", () => {
  let server: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    const app = new Typhoon();
    app.mount("/static", new StaticFiles({ directory: publicDir, html: true }));
    server = await serve(app.serverApp, SERVE);
  });
  afterAll(() => server.close());

  it("serves files, ranges and 304s", async () => {
    const res = await fetch(`${server.url}/static/css/site.css`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/css; charset=utf-8");
    expect(await res.text()).toBe("body { color: red }");
    const etag = res.headers.get("etag") as string;
    const cached = await fetch(`${server.url}/static/css/site.css`, {
      headers: { "if-none-match": etag },
    });
    expect(cached.status).toBe(304);
    const part = await rawRequest(server.url, "/static/css/site.css", {
      headers: { range: "bytes=5-9,-3" },
    });
    expect(part.status).toBe(206);
    expect(part.headers["content-type"]).toMatch(/^multipart\/byteranges; boundary=/);
    expect(part.body.toString()).toContain("Content-Range: bytes 5-9/19\r\n\r\n{ col");
    expect(part.body.toString()).toContain("Content-Range: bytes 16-18/19\r\n\r\nd }");
  });

  it("refuses traversal sent byte for byte", async () => {
    for (const path of [
      "/static/../secret.txt",
      "/static/%2e%2e/secret.txt",
      "/static/%252e%252e/secret.txt",
      "/static/..%5csecret.txt",
      "/static/..%2f..%2fsecret.txt",
      "/static/secret.txt%00.css",
      "/static/link-out.txt",
    ]) {
      const res = await rawRequest(server.url, path);
      expect(res.status, path).toBe(404);
      expect(res.body.toString()).not.toContain("SECRET");
    }
  });

  it("redirects a directory to its slash form, which a client follows", async () => {
    const res = await fetch(`${server.url}/static/docs`);
    expect(res.redirected).toBe(true);
    expect(new URL(res.url).pathname).toBe("/static/docs/");
    expect(await res.text()).toBe("<h1>docs</h1>");
  });
});
