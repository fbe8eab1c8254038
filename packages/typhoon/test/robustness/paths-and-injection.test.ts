/**
 * Paths and header injection, with the exact bytes on a raw socket: traversal out of
 * StaticFiles in every spelling (`..`, `%2e%2e`, `%252e`, backslashes, NUL, overlong UTF-8,
 * symlinks), overlong and oddly encoded paths, and CR/LF smuggled into redirects, cookies and
 * headers built from user input. The secret beside the static folder is never served, no
 * header is ever injected, and the app keeps serving.
 */
import { symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SECRET_TEXT } from "./app";
import {
  call,
  expectStillServing,
  type RawResponse,
  type Served,
  sendRaw,
  startApp,
} from "./harness";

async function rawGet(served: Served, target: string, host = "x"): Promise<RawResponse> {
  const responses = await sendRaw(
    served.port,
    Buffer.from(`GET ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`, "latin1"),
  );
  expect(responses).toHaveLength(1);
  return responses[0]!;
}

function headerValues(response: RawResponse, name: string): string[] {
  return response.headers.filter(([key]) => key === name).map(([, value]) => value);
}

describe("traversal out of StaticFiles", () => {
  const targets = [
    "/static/../secret.txt",
    "/static/../../secret.txt",
    "/static/%2e%2e/secret.txt",
    "/static/%2E%2E/secret.txt",
    "/static/.%2e/secret.txt",
    "/static/%252e%252e/secret.txt",
    "/static/%252e%252e%252fsecret.txt",
    "/static/..%2fsecret.txt",
    "/static/%2e%2e%2fsecret.txt",
    "/static/sub/..%2f..%2fsecret.txt",
    "/static/..\\secret.txt",
    "/static/..%5csecret.txt",
    "/static/sub\\..\\..\\secret.txt",
    "/static/%c0%ae%c0%ae/secret.txt",
    "/static/%e0%80%ae%e0%80%ae/secret.txt",
    "/static/hello.txt%00",
    "/static/hello.txt%00.png",
    "/static//../secret.txt",
    "/static/./../secret.txt",
    "/static/sub/../../secret.txt",
    "http://x/static/../secret.txt",
  ];

  it.each(targets)("GET %s: never the secret, a JSON 404 (or the server's 400)", async (target) => {
    const served = await startApp();
    const response = await rawGet(served, target);
    expect(response.body.toString("latin1")).not.toContain(SECRET_TEXT);
    expect([400, 404]).toContain(response.status);
    expect(JSON.parse(response.body.toString())).toHaveProperty("detail");
    await expectStillServing(served);
  });

  it("a raw NUL byte in the path is refused by the server itself", async () => {
    const served = await startApp();
    const response = await rawGet(served, "/static/hello.txt\x00.png");
    expect(response.status).toBe(400);
  });

  it("a symlink inside the folder that points outside it is not followed", async () => {
    const served = await startApp();
    symlinkSync(join(served.staticDir, "..", "secret.txt"), join(served.staticDir, "link.txt"));
    symlinkSync(join(served.staticDir, ".."), join(served.staticDir, "up"));
    for (const target of ["/static/link.txt", "/static/up/secret.txt"]) {
      const response = await rawGet(served, target);
      expect(response.status).toBe(404);
      expect(response.body.toString()).not.toContain(SECRET_TEXT);
    }
  });

  it("the files inside are still served, with their encodings", async () => {
    const served = await startApp();
    expect((await rawGet(served, "/static/hello.txt")).body.toString()).toBe("hello from static");
    expect((await rawGet(served, "/static/sub/inner.txt")).body.toString()).toBe("inner file");
    expect((await rawGet(served, "/static/sub/%69nner.txt")).body.toString()).toBe("inner file");
    expect((await rawGet(served, "/static//sub//inner.txt")).body.toString()).toBe("inner file");
  });
});

describe("overlong and oddly encoded paths", () => {
  it("a 10 000-character file name or 3 000 segments: 404, not a crash", async () => {
    const served = await startApp();
    expect((await rawGet(served, `/static/${"a".repeat(10_000)}`)).status).toBe(404);
    expect((await rawGet(served, `/static/${"a/".repeat(3_000)}x`)).status).toBe(404);
    expect((await rawGet(served, `/files/${"b".repeat(10_000)}`)).status).toBe(200);
    await expectStillServing(served);
  });

  it("a path past the header limit: 431 from the server", async () => {
    const served = await startApp();
    expect((await rawGet(served, `/static/${"a".repeat(20_000)}`)).status).toBe(431);
  });

  it.each([
    ["%ff%fe", "invalid UTF-8 escapes are kept as sent"],
    ["%zz", "a broken escape is kept"],
    ["%00", "an encoded NUL is a character"],
    ["%e2%80%ae", "a right-to-left override is a character"],
    ["%c3%a9t%c3%a9", "UTF-8 is decoded"],
  ])("/files/%s: %s (200, never a 500)", async (segment) => {
    const served = await startApp();
    const response = await rawGet(served, `/files/${segment}`);
    expect(response.status).toBe(200);
    const body = JSON.parse(response.body.toString());
    expect(body.name).toBe(body.path.slice("/files/".length));
  });

  it("an encoded slash in a path parameter splits the path (ASGI decodes it): 404, not a 500", async () => {
    const served = await startApp();
    expect((await rawGet(served, "/files/a%2fb")).status).toBe(404);
  });
});

describe("CR/LF from user input never splits a header", () => {
  const injection = "\r\nSet-Cookie: evil=1\r\nX-Injected: yes";
  const enc = encodeURIComponent;

  it("a redirect target: the Location is percent-encoded, one header, nothing injected", async () => {
    const served = await startApp();
    const response = await rawGet(served, `/go?to=${enc(`/next${injection}`)}`);
    expect(response.status).toBe(307);
    expect(headerValues(response, "location")).toEqual([
      "/next%0D%0ASet-Cookie:%20evil=1%0D%0AX-Injected:%20yes",
    ]);
    expect(headerValues(response, "set-cookie")).toEqual([]);
    expect(headerValues(response, "x-injected")).toEqual([]);
  });

  it("a cookie value: quoted into one Set-Cookie with the route's attributes", async () => {
    const served = await startApp();
    const response = await rawGet(
      served,
      `/prefs?theme=${enc(`dark; Domain=evil.example${injection}`)}`,
    );
    expect(response.status).toBe(200);
    const cookies = headerValues(response, "set-cookie");
    expect(cookies).toHaveLength(1);
    // Starlette's quoting: `;` is \073, CR LF are \015\012, inside one double-quoted value.
    expect(cookies[0]).toMatch(
      /^theme="dark\\073 Domain=evil\.example\\015\\012Set-Cookie: evil=1\\015\\012X-Injected: yes"; /,
    );
    expect(cookies[0]).not.toMatch(/;\s*Domain=/i);
    expect(cookies[0]).toMatch(/; HttpOnly; Path=\/; SameSite=lax$/);
    expect(headerValues(response, "x-injected")).toEqual([]);
  });

  it("a raw header value: the server refuses to write it (500 without details), nothing injected", async () => {
    const served = await startApp();
    const response = await rawGet(served, `/greet?name=${enc(`ann${injection}`)}`);
    expect(response.status).toBe(500);
    expect(response.body.toString()).toBe("Internal Server Error");
    expect(headerValues(response, "set-cookie")).toEqual([]);
    expect(headerValues(response, "x-injected")).toEqual([]);
    expect(headerValues(response, "x-greeting")).toEqual([]);
    await expectStillServing(served);
    // The app's bug is logged for its developers.
    expect(served.serverLogs.some((line) => line.level === "error")).toBe(true);
  });

  it("the Host header in a trailing-slash redirect cannot carry CR/LF (refused at parse)", async () => {
    const served = await startApp();
    const responses = await sendRaw(
      served.port,
      "GET /ping/ HTTP/1.1\r\nHost: a\rSet-Cookie: evil=1\r\nConnection: close\r\n\r\n",
    );
    expect(responses[0]?.status).toBe(400);
    expect(headerValues(responses[0]!, "set-cookie")).toEqual([]);
    // A well-formed Host is echoed into the Location, as in FastAPI (see SECURITY.md: trustedHost).
    const redirect = await rawGet(served, "/ping/", "api.example");
    expect(redirect.status).toBe(307);
    expect(headerValues(redirect, "location")).toEqual(["http://api.example/ping"]);
  });

  it("a request id from a client is used only when it is a plain token", async () => {
    const served = await startApp();
    const good = await call(served, "GET", "/ping", { headers: { "x-request-id": "abc-123" } });
    expect(good.headers["x-request-id"]).toBe("abc-123");
    const bad = await call(served, "GET", "/ping", { headers: { "x-request-id": "a b;c=d" } });
    expect(bad.headers["x-request-id"]).toMatch(/^req-\d+$/);
  });
});
