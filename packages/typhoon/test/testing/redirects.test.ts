import type { ServerApp } from "@typhoon/server";
import { describe, expect, it } from "vitest";
import { Typhoon } from "../../src/index";
import { RedirectResponse } from "../../src/responses/index";
import { TestClient, TooManyRedirects } from "../../src/testing/index";

const quiet = { info() {}, warn() {}, error() {} };

/**
 * `/r/{status}` redirects to `/echo` with that status (setting a cookie on the way); `/echo`
 * answers what it received: method, body, host, scheme, cookie, content-type.
 */
const redirecting: ServerApp = async (scope, receive, send) => {
  if (scope.type !== "http") return;
  const chunks: Uint8Array[] = [];
  for (;;) {
    const message = await receive();
    if (message.type !== "http.request") break;
    chunks.push(message.body);
    if (!message.more_body) break;
  }
  const header = (name: string) => scope.headers.find(([n]) => n === name)?.[1] ?? null;
  const hop = /^\/r\/(\d+)$/.exec(scope.path);
  if (hop) {
    await send({
      type: "http.response.start",
      status: Number(hop[1]),
      headers: [
        ["location", `/echo${scope.query_string ? `?${scope.query_string}` : ""}`],
        ["set-cookie", `hop=${hop[1]}; Path=/`],
      ],
    });
    await send({ type: "http.response.body", body: new Uint8Array() });
    return;
  }
  const loop = /^\/loop\/(\d+)$/.exec(scope.path);
  if (loop || scope.path === "/away" || scope.path === "/mailto") {
    const location = loop
      ? `http://testserver/loop/${Number(loop[1]) + 1}`
      : scope.path === "/away"
        ? "https://elsewhere.example/echo"
        : "mailto:someone@example.com";
    await send({ type: "http.response.start", status: 302, headers: [["location", location]] });
    await send({ type: "http.response.body", body: new Uint8Array() });
    return;
  }
  const echo = {
    method: scope.method,
    path: scope.path,
    query: scope.query_string,
    body: Buffer.concat(chunks).toString(),
    host: header("host"),
    scheme: scope.scheme,
    cookie: header("cookie"),
    contentType: header("content-type"),
    custom: header("x-custom"),
  };
  await send({
    type: "http.response.start",
    status: 200,
    headers: [["content-type", "application/json"]],
  });
  await send({ type: "http.response.body", body: Buffer.from(JSON.stringify(echo)) });
};

describe("TestClient redirects (httpx's rules, followed by default as in FastAPI)", () => {
  it("follows a redirect and keeps the way in history, the cookies set on it in the jar", async () => {
    const client = new TestClient(redirecting);
    const res = await client.get("/r/307?q=1", { headers: { "x-custom": "kept" } });
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({
      method: "GET",
      path: "/echo",
      query: "q=1",
      custom: "kept",
    });
    expect(res.json().cookie).toBe("hop=307");
    expect(res.url).toBe("http://testserver/echo?q=1");
    expect(res.history.map((r) => [r.status, r.url])).toEqual([
      [307, "http://testserver/r/307?q=1"],
    ]);
    expect(res.history[0]?.headers.get("location")).toBe("/echo?q=1");
    expect(client.cookies.get("hop")).toBe("307");
  });

  it.each([
    [303, "POST", "GET", ""],
    [303, "PUT", "GET", ""],
    [302, "POST", "GET", ""],
    [302, "DELETE", "GET", ""],
    [301, "POST", "GET", ""],
    [301, "PUT", "PUT", '{"a":1}'],
    [307, "POST", "POST", '{"a":1}'],
    [308, "PATCH", "PATCH", '{"a":1}'],
  ])("%i after %s: the next request is %s with body %j", async (status, method, next, body) => {
    const res = await new TestClient(redirecting).request(method, `/r/${status}`, {
      json: { a: 1 },
    });
    const echo = res.json();
    expect(echo.method).toBe(next);
    expect(echo.body).toBe(body);
    expect(echo.contentType).toBe(body === "" ? null : "application/json");
  });

  it("keeps HEAD a HEAD", async () => {
    const res = await new TestClient(redirecting).head("/r/303");
    expect(res.status).toBe(200);
    expect(res.history).toHaveLength(1);
  });

  it("does not follow when told so, per client or per call", async () => {
    const client = new TestClient(redirecting, { followRedirects: false });
    const res = await client.get("/r/302");
    expect(res.status).toBe(302);
    expect(res.isRedirect).toBe(true);
    expect(res.headers.get("location")).toBe("/echo");
    expect(res.history).toEqual([]);
    expect((await client.get("/r/302", { followRedirects: true })).status).toBe(200);
    const following = new TestClient(redirecting);
    expect((await following.get("/r/302", { followRedirects: false })).status).toBe(302);
  });

  it("throws TooManyRedirects past maxRedirects (20 by default, as httpx)", async () => {
    const client = new TestClient(redirecting);
    const error = await client.get("/loop/0").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TooManyRedirects);
    expect((error as TooManyRedirects).history).toHaveLength(21);
    expect((error as Error).message).toMatch(/Exceeded maximum allowed redirects \(20\)/);
    const three = new TestClient(redirecting, { maxRedirects: 3 });
    await expect(three.get("/loop/0")).rejects.toThrow(/\(3\)/);
    // Exactly maxRedirects redirects are followed.
    const atLimit = await new TestClient(redirecting, { maxRedirects: 1 }).get("/r/302");
    expect(atLimit.status).toBe(200);
  });

  it("sends an absolute Location to the app too, with its host and scheme (as Starlette's client)", async () => {
    const res = await new TestClient(redirecting).get("/away");
    expect(res.json()).toMatchObject({ host: "elsewhere.example", scheme: "https", path: "/echo" });
    expect(res.url).toBe("https://elsewhere.example/echo");
  });

  it("returns a redirect to a URL that is not http(s) as it is", async () => {
    const res = await new TestClient(redirecting).get("/mailto");
    expect(res.status).toBe(302);
    expect(res.history).toEqual([]);
  });

  it("follows the app's own redirects: RedirectResponse and the trailing-slash redirect", async () => {
    const app = new Typhoon({ logger: quiet });
    app.get("/old", () => new RedirectResponse("/items/"));
    app.get("/items/", () => ["a"]);
    const client = new TestClient(app);
    const res = await client.get("/old");
    expect(res.json()).toEqual(["a"]);
    expect(res.history.map((r) => r.status)).toEqual([307]);
    const slash = await client.get("/items");
    expect(slash.status).toBe(200);
    expect(slash.url).toBe("http://testserver/items/");
  });
});
