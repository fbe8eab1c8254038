import { needsRehash, verifyPassword } from "typhoon/security";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getSettings } from "../src/settings";
import { tokensFor } from "../src/users/tokens";
import {
  login,
  PASSWORD,
  register,
  signUp,
  startBlog,
  type TestBlog,
  testSettings,
} from "./support/blog";

let blog: TestBlog;
beforeEach(async () => {
  blog = await startBlog({ ADMIN_EMAILS: "boss@example.com" });
});
afterEach(() => blog.close());

describe("registering", () => {
  it("creates the account, hides the hash and sends the welcome mail after the response", async () => {
    const res = await blog.client.post("/api/v1/users", {
      json: { email: "  Ann@Example.COM ", password: PASSWORD, full_name: "Ann" },
    });
    expect(res.status).toBe(201);
    const user = res.json();
    expect(user).toEqual({
      id: expect.any(Number),
      email: "ann@example.com",
      full_name: "Ann",
      role: "user",
      is_active: true,
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(res.text).not.toContain("hash");
    const stored = await blog.database.db
      .selectFrom("users")
      .select("password_hash")
      .where("id", "=", user.id)
      .executeTakeFirstOrThrow();
    expect(stored.password_hash).not.toContain(PASSWORD);
    expect(blog.mail).toEqual([
      {
        from: "blog@example.com",
        to: "ann@example.com",
        subject: "Welcome to Typhoon Blog",
        text: expect.stringContaining("Hello Ann"),
      },
    ]);
  });

  it("refuses a second account for the same email, in any case", async () => {
    await register(blog.client, "ann@example.com");
    const res = await blog.client.post("/api/v1/users", {
      json: { email: "ANN@example.com", password: PASSWORD },
    });
    expect(res.status).toBe(409);
    expect(res.json()).toEqual({ detail: "Email already registered" });
    expect(blog.mail).toHaveLength(1);
  });

  it("gives the admin role to the emails listed in ADMIN_EMAILS", async () => {
    const res = await blog.client.post("/api/v1/users", {
      json: { email: "Boss@example.com", password: PASSWORD },
    });
    expect(res.json().role).toBe("admin");
  });
});

describe("logging in", () => {
  it("trades the password form for a bearer token that /users/me accepts", async () => {
    await register(blog.client, "ann@example.com");
    const res = await blog.client.post("/api/v1/token", {
      data: { username: "Ann@example.com", password: PASSWORD, grant_type: "password" },
    });
    expect(res.status).toBe(200);
    const body = res.json();
    expect(body).toEqual({
      access_token: expect.any(String),
      token_type: "bearer",
      expires_in: 1800,
    });
    const me = await blog.client.get("/api/v1/users/me", {
      headers: { authorization: `Bearer ${body.access_token}` },
    });
    expect(me.status).toBe(200);
    expect(me.json()).toMatchObject({ email: "ann@example.com", role: "user" });
  });

  it("upgrades a hash made with a lower cost when the user logs in", async () => {
    await register(blog.client, "ann@example.com");
    const stored = () =>
      blog.database.db
        .selectFrom("users")
        .select("password_hash")
        .executeTakeFirstOrThrow()
        .then((row) => row.password_hash);
    const before = await stored();
    expect(needsRehash(before, { logN: 11 })).toBe(true);
    blog.app.dependencyOverrides.set(getSettings, () => ({
      ...blog.settings,
      password_hash_cost: 11,
    }));
    await login(blog.client, "ann@example.com");
    const after = await stored();
    expect(after).not.toBe(before);
    expect(needsRehash(after, { logN: 11 })).toBe(false);
    expect(await verifyPassword(PASSWORD, after)).toBe(true);
  });

  it.each([
    ["a wrong password", "ann@example.com", "wrong-password-1"],
    ["an unknown email", "bob@example.com", PASSWORD],
  ])("answers 401 for %s", async (_case, username, password) => {
    await register(blog.client, "ann@example.com");
    const res = await blog.client.post("/api/v1/token", { data: { username, password } });
    expect(res.status).toBe(401);
    expect(res.json()).toEqual({ detail: "Incorrect username or password" });
    expect(res.headers.get("www-authenticate")).toBe("Bearer");
  });
});

describe("the current user", () => {
  it("is 401 for a garbage, tampered, foreign or orphaned token", async () => {
    const { id, headers } = await signUp(blog.client, "ann@example.com");
    const token = headers.authorization.slice("Bearer ".length);
    const [head, , signature] = token.split(".") as [string, string, string];
    const claims = Buffer.from(JSON.stringify({ sub: "999", exp: 9e9 })).toString("base64url");
    const foreign = tokensFor(
      testSettings({ SECRET_KEY: "another-secret-key-of-32-bytes-or-more" }),
    );
    const orphan = await tokensFor(blog.settings).issue(id + 1000);
    const bad = [
      "garbage",
      `${head}.${claims}.${signature}`,
      (await foreign.issue(id)).token,
      orphan.token,
    ];
    for (const value of bad) {
      const res = await blog.client.get("/api/v1/users/me", {
        headers: { authorization: `Bearer ${value}` },
      });
      expect(res.status).toBe(401);
      expect(res.json()).toEqual({ detail: "Could not validate credentials" });
    }
  });
});

describe("admin routes", () => {
  it("are 401 anonymous, 403 for a user, 200 for an admin", async () => {
    const ann = await signUp(blog.client, "ann@example.com");
    const boss = await signUp(blog.client, "boss@example.com");
    expect((await blog.client.get("/api/v1/admin/users")).status).toBe(401);
    const forbidden = await blog.client.get("/api/v1/admin/users", { headers: ann.headers });
    expect(forbidden.status).toBe(403);
    expect(forbidden.json()).toEqual({ detail: "Admin role required" });
    const res = await blog.client.get("/api/v1/admin/users?limit=1&skip=1", {
      headers: boss.headers,
    });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({
      items: [expect.objectContaining({ id: boss.id, email: "boss@example.com", role: "admin" })],
      total: 2,
      skip: 1,
      limit: 1,
    });
    expect(res.text).not.toContain("password");
  });

  it("deactivate an account: its token and its login stop working", async () => {
    const ann = await signUp(blog.client, "ann@example.com");
    const boss = await signUp(blog.client, "boss@example.com");
    const res = await blog.client.patch(`/api/v1/admin/users/${ann.id}`, {
      headers: boss.headers,
      json: { is_active: false },
    });
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ id: ann.id, is_active: false, role: "user" });
    const me = await blog.client.get("/api/v1/users/me", { headers: ann.headers });
    expect(me.status).toBe(400);
    expect(me.json()).toEqual({ detail: "Inactive user" });
    const again = await blog.client.post("/api/v1/token", {
      data: { username: "ann@example.com", password: PASSWORD },
    });
    expect(again.status).toBe(400);
  });

  it("refuse changes to the admin's own account and unknown ids", async () => {
    const boss = await signUp(blog.client, "boss@example.com");
    const self = await blog.client.patch(`/api/v1/admin/users/${boss.id}`, {
      headers: boss.headers,
      json: { role: "user" },
    });
    expect(self.status).toBe(400);
    const missing = await blog.client.patch("/api/v1/admin/users/9999", {
      headers: boss.headers,
      json: { role: "admin" },
    });
    expect(missing.status).toBe(404);
    const invalid = await blog.client.patch("/api/v1/admin/users/0", {
      headers: boss.headers,
      json: { role: "owner" },
    });
    expect(invalid.status).toBe(422);
    expect(invalid.json().detail.map((item: { loc: string[] }) => item.loc.join("."))).toEqual([
      "path.user_id",
      "body.role",
    ]);
  });
});
