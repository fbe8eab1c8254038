import { describe, expect, it } from "vitest";
import { expect422, expectDetail, expectJson, referenceClient } from "./helpers";

describe("apps/reference/SPEC.md §2.6 response models and response shaping", () => {
  const { client } = referenceClient();

  it("POST /users: 201, filtered to username, email and full_name", async () => {
    const res = await client.post("/users", {
      json: { username: "ann_1", password: "long-enough", email: "not-checked", extra: 1 },
    });
    expectJson(res, { username: "ann_1", email: "not-checked", full_name: null }, 201);
    expect(res.text).not.toContain("long-enough");
    expectJson(
      await client.post("/users", {
        json: { username: "ben", password: "12345678", email: "b@x", full_name: "Ben" },
      }),
      { username: "ben", email: "b@x", full_name: "Ben" },
      201,
    );
  });

  it("POST /users validates length, pattern and password length", async () => {
    expect422(await client.post("/users", { json: { username: "Ab", password: "short" } }), [
      ["body", "username"],
      ["body", "password"],
      ["body", "email"],
    ]);
    for (const username of ["ANN", "ann-1", "a".repeat(21), "an"]) {
      expect422(
        await client.post("/users", { json: { username, password: "12345678", email: "e" } }),
        [["body", "username"]],
      );
    }
  });

  it("GET /users-list filters every item", async () => {
    expectJson(await client.get("/users-list"), [
      { username: "ann", email: "ann@example.com", full_name: null },
      { username: "ben", email: "ben@example.com", full_name: "Ben B" },
    ]);
  });

  it("GET /profiles/{username} leaves out unset fields", async () => {
    expectJson(await client.get("/profiles/ann"), { username: "ann", bio: "writes code" });
    expectJson(await client.get("/profiles/ben"), {
      username: "ben",
      followers: 12,
      website: null,
    });
    expectJson(await client.get("/profiles/cal"), {
      username: "cal",
      bio: null,
      website: "https://cal.example",
      followers: 3,
    });
  });

  it("GET /profiles/{unknown}: 404 with X-Error: profile-missing", async () => {
    for (const name of ["dan", "constructor", "__proto__"]) {
      const res = await client.get(`/profiles/${name}`);
      expectDetail(res, 404, "Profile not found");
      expect(res.headers.get("x-error")).toBe("profile-missing");
    }
  });

  it("GET /products/{sku} drops the internal code", async () => {
    expectJson(await client.get("/products/ab-1"), {
      sku: "ab-1",
      name: "Product AB-1",
      stock: 7,
    });
  });

  it("GET /fail/bad-response: 500 text when the data breaks its response model", async () => {
    const res = await client.get("/fail/bad-response");
    expect(res.status).toBe(500);
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(res.text).toBe("Internal Server Error");
  });

  it("GET /plain and /html", async () => {
    const plain = await client.get("/plain");
    expect(plain.status).toBe(200);
    expect(plain.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(plain.text).toBe("just some text");
    const html = await client.get("/html");
    expect(html.status).toBe(200);
    expect(html.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(html.text).toBe("<html><body><h1>Conformance</h1></body></html>");
  });

  it("GET /redirect-me: 307 to the relative /items/42, empty body", async () => {
    const res = await client.get("/redirect-me", { followRedirects: false });
    expect(res.status).toBe(307);
    expect(res.headers.get("location")).toBe("/items/42");
    expect(res.body.byteLength).toBe(0);
  });

  it("GET /accepted: 202 with X-Request-Id", async () => {
    const res = await client.get("/accepted");
    expectJson(res, { accepted: true }, 202);
    expect(res.headers.get("x-request-id")).toBe("req-123");
  });

  it("GET /no-content: 204, empty body", async () => {
    const res = await client.get("/no-content");
    expect(res.status).toBe(204);
    expect(res.body.byteLength).toBe(0);
  });
});
