import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { Path, Typhoon } from "../src/index";
import {
  HTMLResponse,
  JSONResponse,
  PlainTextResponse,
  RedirectResponse,
} from "../src/responses/index";
import { TestClient } from "../src/testing/index";

const UserOut = v.object({
  username: v.string(),
  email: v.string(),
  full_name: v.optional(v.nullable(v.string()), null),
});
const Profile = v.object({
  username: v.string(),
  bio: v.optional(v.nullable(v.string())),
  website: v.optional(v.nullable(v.string())),
  followers: v.optional(v.number(), 0),
});
const profiles: Record<string, object> = {
  ann: { username: "ann", bio: "writes code" },
  ben: { username: "ben", followers: 12, website: null },
};

function makeApp() {
  const logged: unknown[] = [];
  const app = new Typhoon({
    logger: { info() {}, warn() {}, error: (m, e) => logged.push([m, e]) },
  });
  app.post(
    "/users",
    {
      params: { user: v.object({ username: v.string(), password: v.string(), email: v.string() }) },
      response: UserOut,
      status: 201,
    },
    ({ user }) => ({
      ...user,
      password_hash: "secret-hash",
      internal_id: 7,
    }),
  );
  app.get("/users-list", { response: v.array(UserOut) }, () => [
    { username: "ann", email: "ann@example.com", password: "x" },
    { username: "ben", email: "ben@example.com", full_name: "Ben B" },
  ]);
  app.get(
    "/profiles/{username}",
    { params: { username: Path(v.string()) }, response: Profile, excludeUnset: true },
    ({ username }) => profiles[username] as never,
  );
  app.get("/bad-response", { response: UserOut }, () => ({ username: "no-email" }) as never);
  app.get("/plain", () => new PlainTextResponse("just some text"));
  app.get("/html", () => new HTMLResponse("<h1>Hi</h1>"));
  app.get("/redirect-me", () => new RedirectResponse("/items/42"));
  app.get(
    "/custom",
    () => new JSONResponse({ a: 1 }, { status: 203, headers: { "X-Request-Id": "req-123" } }),
  );
  app.delete("/no-content", { status: 204 }, () => undefined);
  return { app, logged };
}

describe("responses", () => {
  const { app, logged } = makeApp();
  const client = new TestClient(app, { raiseServerExceptions: false });

  it("filters the returned value through the response schema", async () => {
    const res = await client.post("/users", {
      json: { username: "ann", password: "hunter22", email: "a@x" },
    });
    expect(res.status).toBe(201);
    expect(res.json()).toEqual({ username: "ann", email: "a@x", full_name: null });
    expect(res.text).not.toContain("secret");
  });

  it("filters every item of a list", async () => {
    const res = await client.get("/users-list");
    expect(res.json()).toEqual([
      { username: "ann", email: "ann@example.com", full_name: null },
      { username: "ben", email: "ben@example.com", full_name: "Ben B" },
    ]);
  });

  it("leaves out unset fields with excludeUnset", async () => {
    expect((await client.get("/profiles/ann")).json()).toEqual({
      username: "ann",
      bio: "writes code",
    });
    expect((await client.get("/profiles/ben")).json()).toEqual({
      username: "ben",
      followers: 12,
      website: null,
    });
  });

  it("answers a response that breaks its schema with a bare 500 and logs it", async () => {
    const res = await client.get("/bad-response");
    expect(res.status).toBe(500);
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(res.text).toBe("Internal Server Error");
    expect(logged.length).toBeGreaterThan(0);
  });

  it("sends Response subclasses as they are", async () => {
    const plain = await client.get("/plain");
    expect(plain.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(plain.text).toBe("just some text");
    expect((await client.get("/html")).headers.get("content-type")).toBe(
      "text/html; charset=utf-8",
    );
    const redirect = await client.get("/redirect-me", { followRedirects: false });
    expect(redirect.status).toBe(307);
    expect(redirect.headers.get("location")).toBe("/items/42");
    expect(redirect.body.byteLength).toBe(0);
    const custom = await client.get("/custom");
    expect(custom.status).toBe(203);
    expect(custom.headers.get("x-request-id")).toBe("req-123");
  });

  it("sends no body with 204", async () => {
    const res = await client.delete("/no-content");
    expect(res.status).toBe(204);
    expect(res.body.byteLength).toBe(0);
    expect(res.headers.get("content-type")).toBeUndefined();
  });

  it("encodes CR/LF in redirect locations instead of splitting the header", () => {
    const r = new RedirectResponse("/x\r\nSet-Cookie: a=b");
    expect(r.headers.find(([n]) => n === "location")?.[1]).toBe("/x%0D%0ASet-Cookie:%20a=b");
  });
});
