import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBlog, type TestBlog } from "./support/blog";

// Requests refused before anything is written: one database serves the whole file. (Tests
// that write get a fresh database each.)
let blog: TestBlog;
beforeAll(async () => {
  blog = await startBlog();
});
afterAll(() => blog.close());

describe("registering", () => {
  it.each([
    ["short1", "Password must have at least 8 characters"],
    ["onlyletters", "Password must contain a digit"],
    ["1234567890", "Password must contain a letter"],
    // A custom check fails as a pydantic validator raising ValueError does.
    ["ann-rules-42", "Value error, Password must not contain your email name"],
  ])("rejects the weak password %j with a 422 on body.password", async (password, msg) => {
    const res = await blog.client.post("/api/v1/users", {
      json: { email: "ann@example.com", password },
    });
    expect(res.status).toBe(422);
    expect(res.json().detail).toEqual([
      expect.objectContaining({ loc: ["body", "password"], msg }),
    ]);
  });

  it("reports every invalid field at once", async () => {
    const res = await blog.client.post("/api/v1/users", {
      json: { email: "not-an-email", password: "x", full_name: "" },
    });
    expect(res.status).toBe(422);
    const locs = res.json().detail.map((item: { loc: string[] }) => item.loc.join("."));
    expect(locs).toEqual(expect.arrayContaining(["body.email", "body.password", "body.full_name"]));
    expect(blog.mail).toEqual([]);
  });
});

describe("logging in", () => {
  it("validates the form (missing password, wrong grant_type)", async () => {
    const res = await blog.client.post("/api/v1/token", {
      data: { username: "ann@example.com", grant_type: "client_credentials" },
    });
    expect(res.status).toBe(422);
    const locs = res.json().detail.map((item: { loc: string[] }) => item.loc.join("."));
    expect(locs).toEqual(expect.arrayContaining(["body.password", "body.grant_type"]));
  });
});

describe("the current user", () => {
  it("is 401 without a token", async () => {
    const res = await blog.client.get("/api/v1/users/me");
    expect(res.status).toBe(401);
    expect(res.json()).toEqual({ detail: "Not authenticated" });
    expect(res.headers.get("www-authenticate")).toBe("Bearer");
  });
});

describe("listing posts", () => {
  it.each([
    [{ limit: 0 }, "query.limit"],
    [{ limit: 101 }, "query.limit"],
    [{ skip: -1 }, "query.skip"],
    [{ skip: "two" }, "query.skip"],
    [{ author_id: 0 }, "query.author_id"],
    [{ tag: "no spaces" }, "query.tag"],
  ])("rejects %j with a 422 at %s", async (query, loc) => {
    const res = await blog.client.get("/api/v1/posts", { query });
    expect(res.status).toBe(422);
    expect(res.json().detail.map((item: { loc: string[] }) => item.loc.join("."))).toEqual([loc]);
  });

  it("a bad token on a public route is still a 401", async () => {
    const res = await blog.client.get("/api/v1/posts", {
      headers: { authorization: "Bearer nope" },
    });
    expect(res.status).toBe(401);
  });
});

describe("reading one post", () => {
  it("is 404 for a missing id and 422 for a bad one", async () => {
    expect((await blog.client.get("/api/v1/posts/12345")).json()).toEqual({
      detail: "Post not found",
    });
    expect((await blog.client.get("/api/v1/posts/0")).status).toBe(422);
    expect((await blog.client.get("/api/v1/posts/abc")).status).toBe(422);
  });
});
