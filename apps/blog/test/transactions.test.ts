import { HTTPException } from "typhoon";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DatabaseBusyError } from "../src/db/connection-lock";
import { SessionDep } from "../src/db/session";
import { startBlog, type TestBlog } from "./support/blog";

let blog: TestBlog;
beforeEach(async () => {
  blog = await startBlog();
  // Routes for this test only: write a row, then succeed or fail.
  const write = (email: string, session: { db: TestBlog["database"]["db"] }) =>
    session.db
      .insertInto("users")
      .values({ email, full_name: null, password_hash: "x", role: "user" })
      .execute();
  blog.app.post("/test/write", { params: { session: SessionDep } }, async ({ session }) => {
    session.afterCommit(() => events.push("committed"));
    await write("kept@example.com", session);
    return { ok: true };
  });
  blog.app.post(
    "/test/write-then-fail",
    { params: { session: SessionDep } },
    async ({ session }) => {
      session.afterCommit(() => events.push("committed"));
      await write("lost@example.com", session);
      throw new HTTPException(409, "changed my mind");
    },
  );
  blog.app.post(
    "/test/write-then-crash",
    { params: { session: SessionDep } },
    async ({ session }) => {
      await write("crash@example.com", session);
      throw new TypeError("a bug");
    },
  );
  blog.app.get("/test/busy", () => {
    throw new DatabaseBusyError("database busy: no connection within 10 ms");
  });
  events = [];
});
afterEach(() => blog.close());

let events: string[] = [];

const emails = async () =>
  (await blog.database.db.selectFrom("users").select("email").orderBy("email").execute()).map(
    (row) => row.email,
  );

describe("the session dependency", () => {
  it("runs on the backend the environment asks for (DATABASE_URL: a PostgreSQL server)", () => {
    expect(blog.database.kind).toBe(process.env.DATABASE_URL ? "postgres" : "pglite");
  });

  it("commits when the handler succeeds, then runs the after-commit callbacks", async () => {
    const res = await blog.client.post("/test/write");
    expect(res.status).toBe(200);
    expect(await emails()).toEqual(["kept@example.com"]);
    expect(events).toEqual(["committed"]);
  });

  it("rolls back when the handler raises an HTTPException, and skips the callbacks", async () => {
    const res = await blog.client.post("/test/write-then-fail");
    expect(res.status).toBe(409);
    expect(await emails()).toEqual([]);
    expect(events).toEqual([]);
  });

  it("rolls back on an unexpected error (500), and the database keeps serving", async () => {
    const res = await blog.client.post("/test/write-then-crash");
    expect(res.status).toBe(500);
    expect(blog.errors.flat()).toContainEqual(new TypeError("a bug"));
    expect(await emails()).toEqual([]);
    expect((await blog.client.post("/test/write")).status).toBe(200);
    expect(await emails()).toEqual(["kept@example.com"]);
  });

  it("keeps concurrent requests apart (each in its own transaction)", async () => {
    const results = await Promise.all([
      blog.client.post("/test/write-then-fail"),
      blog.client.post("/test/write"),
      blog.client.post("/test/write-then-fail"),
    ]);
    expect(results.map((r) => r.status)).toEqual([409, 200, 409]);
    expect(await emails()).toEqual(["kept@example.com"]);
  });

  it("answers 503 with Retry-After when the database stays busy", async () => {
    const res = await blog.client.get("/test/busy");
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("1");
    expect(res.json()).toEqual({ detail: "Database busy, try again" });
  });
});
