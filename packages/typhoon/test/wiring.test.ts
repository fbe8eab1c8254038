import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { httpStream, websocketConnect } from "@typhoon/server";
import { afterAll, describe, expect, it } from "vitest";
import { Depends, dependency, HTTPException, Typhoon, WebSocket } from "../src/index";
import { FileResponse, JSONResponse, StreamingResponse } from "../src/responses/index";
import { HTTPBasic, OAuth2PasswordBearer } from "../src/security/index";
import { TestClient } from "../src/testing/index";

const quiet = { info() {}, warn() {}, error() {} };
const dir = mkdtempSync(path.join(tmpdir(), "typhoon-wiring-"));
const file = path.join(dir, "data.txt");
writeFileSync(file, "0123456789");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("responses returned by routes get the request's receive and scope", () => {
  it("stops a streaming generator when the client disconnects", async () => {
    const app = new Typhoon({ logger: quiet });
    let finished = false;
    app.get(
      "/stream",
      () =>
        new StreamingResponse(
          (async function* () {
            try {
              for (let i = 0; i < 1000; i++) yield `chunk ${i}\n`;
            } finally {
              finished = true;
            }
          })(),
        ),
    );
    const res = await httpStream(app.serverApp, { path: "/stream" });
    const iterator = res.body[Symbol.asyncIterator]();
    await iterator.next();
    res.disconnect();
    await res.finished;
    expect(finished).toBe(true);
  });

  it("answers conditional and range requests for a FileResponse", async () => {
    const app = new Typhoon({ logger: quiet });
    app.get("/file", () => new FileResponse(file));
    const client = new TestClient(app);
    const full = await client.get("/file");
    expect(full.text).toBe("0123456789");
    const etag = full.headers.get("etag")!;
    expect((await client.get("/file", { headers: { "if-none-match": etag } })).status).toBe(304);
    const range = await client.get("/file", { headers: { range: "bytes=2-4" } });
    expect(range.status).toBe(206);
    expect(range.text).toBe("234");
  });
});

describe("function middleware", () => {
  it("wraps routes and can change the response", async () => {
    const app = new Typhoon({ logger: quiet });
    app.get("/", () => ({ ok: true }));
    app.middleware(async (request, callNext) => {
      const response = await callNext(request);
      response.setHeader("x-process", "typhoon");
      return response;
    });
    const res = await new TestClient(app).get("/");
    expect(res.headers.get("x-process")).toBe("typhoon");
    expect(res.json()).toEqual({ ok: true });
  });

  it("answers a bare 500 through the app's logger when a middleware throws", async () => {
    const logged: string[] = [];
    const app = new Typhoon({ logger: { ...quiet, error: (m) => logged.push(m) } });
    app.get("/", () => "ok");
    app.middleware(() => {
      throw new Error("middleware broke");
    });
    const res = await new TestClient(app, { raiseServerExceptions: false }).get("/");
    expect(res.status).toBe(500);
    expect(res.text).toBe("Internal Server Error");
    expect(logged).toEqual(["Error handling GET /"]);
  });
});

describe("security schemes as dependencies", () => {
  const oauth2 = new OAuth2PasswordBearer({ tokenUrl: "/token" });
  const basic = new HTTPBasic({ realm: "test" });
  const currentUser = dependency({ token: Depends(oauth2) }, ({ token }) => {
    if (token !== "alice-token")
      throw new HTTPException(401, "Invalid authentication credentials", {
        "WWW-Authenticate": "Bearer",
      });
    return { username: "alice" };
  });
  const app = new Typhoon({ logger: quiet });
  app.get("/me", { params: { user: Depends(currentUser) } }, ({ user }) => user);
  app.get("/basic", { params: { credentials: Depends(basic) } }, ({ credentials }) => ({
    username: credentials.username,
  }));
  app.websocket(
    "/ws",
    { params: { ws: WebSocket, user: Depends(currentUser) } },
    async ({ ws, user }) => {
      await ws.accept();
      await ws.sendText(user.username);
      await ws.close();
    },
  );
  const client = new TestClient(app);

  it("answers 401 with a Bearer challenge when the token is missing", async () => {
    const res = await client.get("/me");
    expect(res.status).toBe(401);
    expect(res.json()).toEqual({ detail: "Not authenticated" });
    expect(res.headers.get("www-authenticate")).toBe("Bearer");
  });

  it("passes a valid token through the dependency chain", async () => {
    const res = await client.get("/me", { headers: { authorization: "Bearer alice-token" } });
    expect(res.json()).toEqual({ username: "alice" });
  });

  it("parses HTTP Basic credentials and challenges with the realm", async () => {
    const missing = await client.get("/basic");
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toBe('Basic realm="test"');
    const ok = await client.get("/basic", {
      headers: { authorization: `Basic ${Buffer.from("admin:s3:cr3t").toString("base64")}` },
    });
    expect(ok.json()).toEqual({ username: "admin" });
  });

  it("lets an HTTPException handler customise scheme errors too", async () => {
    const custom = new Typhoon({ logger: quiet });
    custom.get("/me", { params: { token: Depends(oauth2) } }, ({ token }) => token);
    custom.exceptionHandler(
      HTTPException,
      (_r, e) => new JSONResponse({ error: e.detail }, { status: e.status }),
    );
    expect((await new TestClient(custom).get("/me")).json()).toEqual({
      error: "Not authenticated",
    });
  });

  it("refuses a WebSocket with 1008 when the scheme fails", async () => {
    await expect(websocketConnect(app.serverApp, { path: "/ws" })).rejects.toMatchObject({
      closeCode: 1008,
    });
    const ws = await websocketConnect(app.serverApp, {
      path: "/ws",
      headers: { authorization: "Bearer alice-token" },
    });
    expect(await ws.receiveText()).toBe("alice");
  });
});
