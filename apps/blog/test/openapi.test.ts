import { TestClient } from "typhoon/testing";
import { describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { testSettings } from "./support/blog";

// The document is built from the routes alone: no database needed.
const client = new TestClient(createApp({ settings: testSettings(), log: null }));

describe("the API docs", () => {
  it("describe every route, the login form and the bearer scheme", async () => {
    const res = await client.get("/openapi.json");
    expect(res.status).toBe(200);
    const doc = res.json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/users",
        "/api/v1/token",
        "/api/v1/users/me",
        "/api/v1/admin/users",
        "/api/v1/admin/users/{user_id}",
        "/api/v1/posts",
        "/api/v1/posts/{post_id}",
        "/api/v1/dashboard",
      ]),
    );
    expect(doc.components.securitySchemes.OAuth2PasswordBearer.flows.password.tokenUrl).toBe(
      "/api/v1/token",
    );
    expect(Object.keys(doc.paths["/api/v1/token"].post.requestBody.content)).toEqual([
      "application/x-www-form-urlencoded",
    ]);
    expect(doc.paths["/api/v1/posts"].get.parameters.map((p: { name: string }) => p.name)).toEqual([
      "skip",
      "limit",
      "author_id",
      "tag",
      "q",
      "published",
    ]);
    expect(doc.paths["/api/v1/posts"].post.security).toEqual([{ OAuth2PasswordBearer: [] }]);
  });

  it("never mention a password hash in a response", async () => {
    const doc = (await client.get("/openapi.json")).json();
    const responses = Object.values(doc.paths).flatMap((ops) =>
      Object.values(ops as Record<string, { responses: unknown }>).map((op) => op.responses),
    );
    const text = JSON.stringify(responses);
    expect(text).toContain("full_name");
    expect(text).not.toContain("password");
  });

  it("serve the interactive page at /docs", async () => {
    const res = await client.get("/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
  });
});
