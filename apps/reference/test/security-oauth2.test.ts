import { createHmac } from "node:crypto";
import { encodeMultipart } from "typhoon/forms";
import { describe, expect, it } from "vitest";
import { issueToken, TOKEN_EXPIRY } from "../src/accounts";
import { expect422, expectDetail, expectJson, referenceClient } from "./helpers";

const ALICE = {
  username: "alice",
  full_name: "Alice Liddell",
  email: "alice@example.com",
  disabled: false,
};
const SECRET = "conformance-secret-key-not-for-production";

const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
const b64url = (data: string | Buffer) => Buffer.from(data).toString("base64url");

/** A hand-made JWT, to try what the issuer would never produce. */
function forge(header: object, claims: object, secret = SECRET, hash = "sha256"): string {
  const head = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  return `${head}.${b64url(createHmac(hash, secret).update(head).digest())}`;
}

describe("apps/reference/SPEC.md §2.11 security: the OAuth2 password form", () => {
  const { client } = referenceClient();

  it("POST /token answers the username as the token, with the scopes split on whitespace", async () => {
    expectJson(
      await client.post("/token", {
        data: { username: "alice", password: "wonderland", scope: " me  items:read\tadmin " },
      }),
      { access_token: "alice", token_type: "bearer", scopes: ["me", "items:read", "admin"] },
    );
    expectJson(
      await client.post("/token", {
        data: { grant_type: "password", username: "bob", password: "canwefixit", client_id: "c" },
      }),
      { access_token: "bob", token_type: "bearer", scopes: [] },
    );
  });

  it("POST /token reads multipart too, and empty strings count as absent", async () => {
    const form = encodeMultipart({ username: "alice", password: "wonderland", grant_type: "" });
    expectJson(
      await client.post("/token", {
        content: form.body,
        headers: { "content-type": form.contentType },
      }),
      { access_token: "alice", token_type: "bearer", scopes: [] },
    );
    expect422(await client.post("/token", { data: { username: "", password: "" } }), [
      ["body", "username"],
      ["body", "password"],
    ]);
  });

  it("POST /token: validation errors at [body, field]; a JSON body misses both fields", async () => {
    expect422(
      await client.post("/token", {
        data: { username: "alice", password: "wonderland", grant_type: "client_credentials" },
      }),
      [["body", "grant_type"]],
    );
    expect422(
      await client.post("/token", { json: { username: "alice", password: "wonderland" } }),
      [
        ["body", "username"],
        ["body", "password"],
      ],
    );
  });

  it("POST /token: wrong credentials are a 400", async () => {
    for (const data of [
      { username: "alice", password: "wrong" },
      { username: "nobody", password: "wonderland" },
    ]) {
      expectDetail(await client.post("/token", { data }), 400, "Incorrect username or password");
    }
  });

  it("POST /jwt/token issues a JWT; wrong credentials are a 401 with a Bearer challenge", async () => {
    const res = await client.post("/jwt/token", {
      data: { username: "alice", password: "wonderland" },
    });
    expect(res.status).toBe(200);
    const { access_token, token_type } = res.json();
    expect(token_type).toBe("bearer");
    expect(typeof access_token).toBe("string");
    expectJson(await client.get("/jwt/me", bearer(access_token)), ALICE);

    const bad = await client.post("/jwt/token", { data: { username: "alice", password: "x" } });
    expectDetail(bad, 401, "Incorrect username or password");
    expect(bad.headers.get("www-authenticate")).toBe("Bearer");
  });
});

describe("apps/reference/SPEC.md §2.11 security: OAuth2 bearer with username tokens", () => {
  const { client } = referenceClient();

  it("GET /me answers the account for a known, active username", async () => {
    expectJson(await client.get("/me", bearer("alice")), ALICE);
    expectJson(await client.get("/me", { headers: { authorization: "bEaReR alice" } }), ALICE);
    expectJson(await client.get("/me/items", bearer("alice")), [
      { item_id: "portal-gun", owner: "alice" },
    ]);
  });

  it("a missing header or another scheme: 401 Not authenticated, WWW-Authenticate: Bearer", async () => {
    const variants: Record<string, string>[] = [
      {},
      { authorization: "Basic YWxpY2U6eA==" },
      { authorization: "" },
    ];
    for (const headers of variants) {
      for (const path of ["/me", "/me/items"]) {
        const res = await client.get(path, { headers });
        expectDetail(res, 401, "Not authenticated");
        expect(res.headers.get("www-authenticate")).toBe("Bearer");
      }
    }
  });

  it("an unknown token (or an empty one after Bearer): 401 Invalid authentication credentials", async () => {
    for (const headers of [{ authorization: "Bearer nobody" }, { authorization: "Bearer" }]) {
      const res = await client.get("/me", { headers });
      expectDetail(res, 401, "Invalid authentication credentials");
      expect(res.headers.get("www-authenticate")).toBe("Bearer");
    }
  });

  it("a disabled account: 400 Inactive user", async () => {
    expectDetail(await client.get("/me", bearer("bob")), 400, "Inactive user");
    expectDetail(await client.get("/me/items", bearer("bob")), 400, "Inactive user");
  });
});

describe("apps/reference/SPEC.md §2.11 security: JWT bearer", () => {
  const { client } = referenceClient();

  it("issues HS256 tokens for sub with exp 4102444800", async () => {
    const token = await issueToken("alice");
    const [header, claims] = token.split(".").map((part) => Buffer.from(part, "base64url"));
    expect(JSON.parse(String(header)).alg).toBe("HS256");
    const payload = JSON.parse(String(claims));
    expect(payload.sub).toBe("alice");
    expect(Math.abs(payload.exp - TOKEN_EXPIRY)).toBeLessThanOrEqual(1);
  });

  it("GET /jwt/me answers the account for a valid token", async () => {
    expectJson(await client.get("/jwt/me", bearer(await issueToken("alice"))), ALICE);
    const handMade = forge({ alg: "HS256", typ: "JWT" }, { sub: "alice", exp: TOKEN_EXPIRY });
    expectJson(await client.get("/jwt/me", bearer(handMade)), ALICE);
  });

  it("a missing header: 401 Not authenticated", async () => {
    const res = await client.get("/jwt/me");
    expectDetail(res, 401, "Not authenticated");
    expect(res.headers.get("www-authenticate")).toBe("Bearer");
  });

  it("rejects every bad token with 401 Could not validate credentials", async () => {
    const now = Math.floor(Date.now() / 1000);
    const bad = [
      "not-a-jwt",
      "a.b.c",
      "",
      forge({ alg: "HS256", typ: "JWT" }, { sub: "alice", exp: TOKEN_EXPIRY }, "wrong-secret"),
      forge({ alg: "HS512", typ: "JWT" }, { sub: "alice", exp: TOKEN_EXPIRY }, SECRET, "sha512"),
      `${b64url(JSON.stringify({ alg: "none", typ: "JWT" }))}.${b64url(JSON.stringify({ sub: "alice", exp: TOKEN_EXPIRY }))}.`,
      forge({ alg: "HS256", typ: "JWT" }, { sub: "alice", exp: now - 60 }),
      forge({ alg: "HS256", typ: "JWT" }, { sub: "nobody", exp: TOKEN_EXPIRY }),
      forge({ alg: "HS256", typ: "JWT" }, { sub: 42, exp: TOKEN_EXPIRY }),
      forge({ alg: "HS256", typ: "JWT" }, { exp: TOKEN_EXPIRY }),
    ];
    for (const token of bad) {
      const res = await client.get("/jwt/me", bearer(token));
      expectDetail(res, 401, "Could not validate credentials");
      expect(res.headers.get("www-authenticate")).toBe("Bearer");
    }
  });

  it("a disabled account: 400 Inactive user", async () => {
    expectDetail(
      await client.get("/jwt/me", bearer(await issueToken("bob"))),
      400,
      "Inactive user",
    );
  });
});
