import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { signUp, startBlog, type TestBlog } from "./support/blog";

let blog: TestBlog;
beforeEach(async () => {
  blog = await startBlog({ ADMIN_EMAILS: "boss@example.com" });
});
afterEach(() => blog.close());

type Headers = { authorization: string };

async function write(headers: Headers, post: Record<string, unknown>) {
  const res = await blog.client.post("/api/v1/posts", { headers, json: post });
  expect(res.status).toBe(201);
  return res.json() as { id: number; updated_at: string } & Record<string, unknown>;
}

describe("creating posts", () => {
  it("stores the post with its author and defaults, and returns it", async () => {
    const ann = await signUp(blog.client, "ann@example.com");
    const res = await blog.client.post("/api/v1/posts", {
      headers: ann.headers,
      json: { title: "  Hello  ", body: "First post", tags: ["Intro", "typhoon"] },
    });
    expect(res.status).toBe(201);
    expect(res.json()).toEqual({
      id: expect.any(Number),
      author_id: ann.id,
      title: "Hello",
      body: "First post",
      tags: ["intro", "typhoon"],
      published: false,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
  });

  it("needs a signed-in user", async () => {
    const res = await blog.client.post("/api/v1/posts", { json: { title: "t", body: "b" } });
    expect(res.status).toBe(401);
  });

  it("validates every field at once", async () => {
    const ann = await signUp(blog.client, "ann@example.com");
    const res = await blog.client.post("/api/v1/posts", {
      headers: ann.headers,
      json: { title: "", tags: ["ok", "not ok!"], published: "maybe" },
    });
    expect(res.status).toBe(422);
    const locs = res.json().detail.map((item: { loc: unknown[] }) => item.loc.join("."));
    expect(locs).toEqual(
      expect.arrayContaining(["body.title", "body.body", "body.tags.1", "body.published"]),
    );
    const tooMany = await blog.client.post("/api/v1/posts", {
      headers: ann.headers,
      json: { title: "t", body: "b", tags: Array.from({ length: 11 }, (_, i) => `t${i}`) },
    });
    expect(tooMany.status).toBe(422);
  });
});

describe("listing posts", () => {
  it("pages newest first with a total", async () => {
    const ann = await signUp(blog.client, "ann@example.com");
    for (const n of [1, 2, 3, 4, 5])
      await write(ann.headers, { title: `Post ${n}`, body: "b", published: true });
    const res = await blog.client.get("/api/v1/posts", { query: { skip: 1, limit: 2 } });
    expect(res.status).toBe(200);
    const page = res.json();
    expect(page.items.map((p: { title: string }) => p.title)).toEqual(["Post 4", "Post 3"]);
    expect(page).toMatchObject({ total: 5, skip: 1, limit: 2 });
    const defaults = (await blog.client.get("/api/v1/posts")).json();
    expect(defaults).toMatchObject({ total: 5, skip: 0, limit: 20 });
    expect(defaults.items).toHaveLength(5);
  });

  it("filters by author, tag and title words (wildcards taken literally)", async () => {
    const ann = await signUp(blog.client, "ann@example.com");
    const bob = await signUp(blog.client, "bob@example.com");
    await write(ann.headers, {
      title: "Typhoon 100% fast",
      body: "b",
      tags: ["perf"],
      published: true,
    });
    await write(ann.headers, { title: "Cooking", body: "b", tags: ["food"], published: true });
    await write(bob.headers, {
      title: "Typhoon on PGlite",
      body: "b",
      tags: ["db", "perf"],
      published: true,
    });
    const titles = async (query: Record<string, string | number>) =>
      (await blog.client.get("/api/v1/posts", { query }))
        .json()
        .items.map((p: { title: string }) => p.title);
    expect(await titles({ author_id: ann.id })).toEqual(["Cooking", "Typhoon 100% fast"]);
    expect(await titles({ tag: "perf" })).toEqual(["Typhoon on PGlite", "Typhoon 100% fast"]);
    expect(await titles({ tag: "PERF", author_id: bob.id })).toEqual(["Typhoon on PGlite"]);
    expect(await titles({ q: "typhoon" })).toEqual(["Typhoon on PGlite", "Typhoon 100% fast"]);
    expect(await titles({ q: "100%" })).toEqual(["Typhoon 100% fast"]);
    expect(await titles({ q: "%" })).toEqual(["Typhoon 100% fast"]);
    expect(await titles({ q: "_" })).toEqual([]);
  });
});

describe("drafts", () => {
  it("are seen by their author and admins only; others get 404", async () => {
    const ann = await signUp(blog.client, "ann@example.com");
    const bob = await signUp(blog.client, "bob@example.com");
    const boss = await signUp(blog.client, "boss@example.com");
    const draft = await write(ann.headers, { title: "Secret draft", body: "b" });
    await write(ann.headers, { title: "Public", body: "b", published: true });
    const titles = async (headers?: Headers, query: Record<string, string> = {}) =>
      (await blog.client.get("/api/v1/posts", headers ? { headers, query } : { query }))
        .json()
        .items.map((p: { title: string }) => p.title);
    expect(await titles()).toEqual(["Public"]);
    expect(await titles(bob.headers)).toEqual(["Public"]);
    expect(await titles(ann.headers)).toEqual(["Public", "Secret draft"]);
    expect(await titles(boss.headers)).toEqual(["Public", "Secret draft"]);
    expect(await titles(ann.headers, { published: "false" })).toEqual(["Secret draft"]);
    expect(await titles(bob.headers, { published: "false" })).toEqual([]);
    const path = `/api/v1/posts/${draft.id}`;
    expect((await blog.client.get(path)).status).toBe(404);
    expect((await blog.client.get(path, { headers: bob.headers })).status).toBe(404);
    expect((await blog.client.get(path, { headers: ann.headers })).status).toBe(200);
    expect((await blog.client.get(path, { headers: boss.headers })).status).toBe(200);
  });
});

describe("PATCH", () => {
  it("changes the fields sent and leaves the others alone", async () => {
    const ann = await signUp(blog.client, "ann@example.com");
    const post = await write(ann.headers, { title: "Old", body: "Body stays", tags: ["a", "b"] });
    const res = await blog.client.patch(`/api/v1/posts/${post.id}`, {
      headers: ann.headers,
      json: { title: "New" },
    });
    expect(res.status).toBe(200);
    const after = res.json();
    expect(after).toMatchObject({
      title: "New",
      body: "Body stays",
      tags: ["a", "b"],
      published: false,
    });
    expect(Date.parse(after.updated_at)).toBeGreaterThan(Date.parse(post.updated_at));
    expect(after.created_at).toBe(post.created_at);
    const read = await blog.client.get(`/api/v1/posts/${post.id}`, { headers: ann.headers });
    expect(read.json()).toEqual(after);
  });

  it("with an empty body changes nothing", async () => {
    const ann = await signUp(blog.client, "ann@example.com");
    const post = await write(ann.headers, { title: "Same", body: "b" });
    const res = await blog.client.patch(`/api/v1/posts/${post.id}`, {
      headers: ann.headers,
      json: {},
    });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual(post);
  });

  it("refuses null for a required field and unknown types", async () => {
    const ann = await signUp(blog.client, "ann@example.com");
    const post = await write(ann.headers, { title: "T", body: "b" });
    const res = await blog.client.patch(`/api/v1/posts/${post.id}`, {
      headers: ann.headers,
      json: { title: null, tags: "a" },
    });
    expect(res.status).toBe(422);
    expect(res.json().detail.map((item: { loc: string[] }) => item.loc.join("."))).toEqual([
      "body.title",
      "body.tags",
    ]);
  });

  it("is 403 for someone else's post, 200 for an admin, 401 anonymous", async () => {
    const ann = await signUp(blog.client, "ann@example.com");
    const bob = await signUp(blog.client, "bob@example.com");
    const boss = await signUp(blog.client, "boss@example.com");
    const post = await write(ann.headers, { title: "Ann's", body: "b", published: true });
    const path = `/api/v1/posts/${post.id}`;
    const forbidden = await blog.client.patch(path, {
      headers: bob.headers,
      json: { title: "Bob's" },
    });
    expect(forbidden.status).toBe(403);
    expect(forbidden.json()).toEqual({ detail: "Only the author can change this post" });
    expect((await blog.client.patch(path, { json: { title: "x" } })).status).toBe(401);
    const admin = await blog.client.patch(path, {
      headers: boss.headers,
      json: { published: false },
    });
    expect(admin.status).toBe(200);
    expect(admin.json()).toMatchObject({ title: "Ann's", published: false });
  });
});

describe("DELETE", () => {
  it("removes the author's post (204, then 404)", async () => {
    const ann = await signUp(blog.client, "ann@example.com");
    const bob = await signUp(blog.client, "bob@example.com");
    const post = await write(ann.headers, { title: "Bye", body: "b", published: true });
    const path = `/api/v1/posts/${post.id}`;
    expect((await blog.client.delete(path, { headers: bob.headers })).status).toBe(403);
    const res = await blog.client.delete(path, { headers: ann.headers });
    expect(res.status).toBe(204);
    expect(res.body).toHaveLength(0);
    expect((await blog.client.get(path)).status).toBe(404);
    expect((await blog.client.delete(path, { headers: ann.headers })).status).toBe(404);
  });
});
