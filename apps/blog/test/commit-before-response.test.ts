import { sql } from "kysely";
import { Depends } from "typhoon";
import { TestClient } from "typhoon/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getSession, SessionDep } from "../src/db/session";
import type { LiveEvent } from "../src/live/hub";
import { signUp, startBlog, type TestBlog } from "./support/blog";

// The session is function-scoped (`SessionDep`): its COMMIT runs when the handler returns,
// before the response starts. These tests show what that buys over the default request scope,
// whose cleanup runs after the client already has its answer.

let blog: TestBlog;
beforeEach(async () => {
  blog = await startBlog();
});
afterEach(() => blog.close());

describe("the session commits before the response is sent", () => {
  // A key checked only at COMMIT: writing it twice makes the commit itself fail.
  async function routesWhoseCommitFails() {
    await sql`CREATE TABLE deferred_keys (id integer UNIQUE DEFERRABLE INITIALLY DEFERRED)`.execute(
      blog.database.db,
    );
    const writeTwice = async ({ session }: { session: { db: TestBlog["database"]["db"] } }) => {
      await sql`INSERT INTO deferred_keys (id) VALUES (1), (1)`.execute(session.db);
      return { saved: true };
    };
    blog.app.post("/test/function-scope", { params: { session: SessionDep } }, writeTwice);
    blog.app.post("/test/request-scope", { params: { session: Depends(getSession) } }, writeTwice);
  }
  const savedKeys = () =>
    sql<{ id: number }>`SELECT id FROM deferred_keys`
      .execute(blog.database.db)
      .then((result) => result.rows);

  it("a write whose commit fails answers 500, not a 2xx for data that is gone", async () => {
    await routesWhoseCommitFails();
    const res = await blog.client.post("/test/function-scope");
    expect(res.status).toBe(500);
    expect(res.text).toBe("Internal Server Error");
    expect(await savedKeys()).toEqual([]);
    expect(blog.errors.flat().map(String).join("\n")).toMatch(/duplicate key/);
  });

  it("(why: with the default request scope, the same failure answers 200)", async () => {
    await routesWhoseCommitFails();
    const res = await blog.client.post("/test/request-scope");
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ saved: true });
    expect(await savedKeys()).toEqual([]);
    // The failed commit is only in the log: the client was told its write was saved.
    expect(blog.errors.flat().map(String).join("\n")).toMatch(/duplicate key/);
  });

  it("POST /api/v1/posts has committed (and announced the post) when its 201 starts", async () => {
    const ann = await signUp(blog.client, "ann@example.com");
    const published: LiveEvent[] = [];
    const live = blog.hub.subscribe({
      send: async (event) => void published.push(event),
      drop: () => {},
    });
    // What the client could know when the status line arrives: was the post announced yet?
    const announcedAtStart: number[] = [];
    const client = new TestClient(async (scope, receive, send) =>
      blog.app.serverApp(scope, receive, async (message) => {
        if (message.type === "http.response.start") announcedAtStart.push(published.length);
        await send(message);
      }),
    );
    const res = await client.post("/api/v1/posts", {
      headers: ann.headers,
      json: { title: "Hello", body: "World", published: true },
    });
    live?.unsubscribe();
    expect(res.status).toBe(201);
    // The announcement is an after-commit callback: one event means the COMMIT already ran.
    expect(announcedAtStart).toEqual([1]);
    expect(published).toEqual([{ event: "post.published", post: res.json() }]);
    // And the post is there for the very next request.
    expect(
      (await blog.client.get(`/api/v1/posts/${(res.json() as { id: number }).id}`)).status,
    ).toBe(200);
  });
});
