/**
 * Forged credentials over a real socket: JWTs that are tampered, unsigned (`alg: none`),
 * signed with the wrong key, expired, for another audience or issuer, malformed or huge;
 * Basic headers that are not base64, have no colon, or carry the wrong password. Every one is
 * a 401 JSON answer with a challenge, never a 500 and never a pass.
 */
import { createHmac } from "node:crypto";
import { createJwt } from "@typhoon/security";
import { describe, expect, it } from "vitest";
import { BASIC_USER, JWT_AUDIENCE, JWT_ISSUER, JWT_SECRET } from "./app";
import { call, expectNoErrors, expectStillServing, type Served, startApp } from "./harness";

const b64url = (value: unknown) =>
  Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");

/** A compact JWS signed by hand with HMAC-SHA256 (or unsigned for alg none). */
function forge(header: object, claims: object, secret: string | null = JWT_SECRET): string {
  const input = `${b64url(header)}.${b64url(claims)}`;
  if (secret === null) return `${input}.`;
  return `${input}.${createHmac("sha256", secret).update(input).digest("base64url")}`;
}

const now = () => Math.floor(Date.now() / 1000);
const goodClaims = () => ({
  sub: "ann",
  aud: JWT_AUDIENCE,
  iss: JWT_ISSUER,
  iat: now(),
  exp: now() + 300,
});
const HS256 = { alg: "HS256", typ: "JWT" };

async function me(served: Served, authorization: string | undefined) {
  return call(
    served,
    "GET",
    "/me",
    authorization === undefined ? {} : { headers: { authorization } },
  );
}

async function expectUnauthorized(
  served: Served,
  authorization: string | undefined,
  challenge = /^Bearer/,
) {
  const answer = await me(served, authorization);
  expect(answer.status, answer.text).toBe(401);
  expect(answer.headers["content-type"]).toMatch(/^application\/json/);
  expect(typeof answer.json().detail).toBe("string");
  expect(answer.headers["www-authenticate"]).toMatch(challenge);
}

describe("JWT bearer tokens", () => {
  it("a genuine token passes (the control case)", async () => {
    const served = await startApp();
    const { access_token } = (await call(served, "POST", "/token?sub=ann")).json();
    expect((await me(served, `Bearer ${access_token}`)).json()).toEqual({ sub: "ann" });
    expect((await me(served, `Bearer ${forge(HS256, goodClaims())}`)).json()).toEqual({
      sub: "ann",
    });
  });

  const forged: Array<[string, () => string]> = [
    [
      "a tampered payload (sub changed after signing)",
      () => {
        const [h, , s] = forge(HS256, goodClaims()).split(".");
        return `${h}.${b64url({ ...goodClaims(), sub: "admin" })}.${s}`;
      },
    ],
    [
      "a flipped signature bit",
      () => {
        const token = forge(HS256, goodClaims());
        const last = token.at(-2) === "A" ? "B" : "A";
        return `${token.slice(0, -2)}${last}${token.at(-1)}`;
      },
    ],
    ["alg: none without a signature", () => forge({ alg: "none", typ: "JWT" }, goodClaims(), null)],
    ["alg: NoNe", () => forge({ alg: "NoNe" }, goodClaims(), null)],
    [
      "alg: none with the original signature kept",
      () => {
        const signature = forge(HS256, goodClaims()).split(".")[2];
        return `${forge({ alg: "none" }, goodClaims(), null)}${signature}`;
      },
    ],
    ["another secret", () => forge(HS256, goodClaims(), "a-completely-different-secret-value!!")],
    ["an algorithm the key does not use (HS512)", () => forge({ alg: "HS512" }, goodClaims())],
    [
      "expired an hour ago",
      () => forge(HS256, { ...goodClaims(), iat: now() - 7200, exp: now() - 3600 }),
    ],
    ["not valid yet", () => forge(HS256, { ...goodClaims(), nbf: now() + 3600 })],
    [
      "no exp at all",
      () => {
        const { exp: _exp, ...claims } = goodClaims();
        return forge(HS256, claims);
      },
    ],
    ["another audience", () => forge(HS256, { ...goodClaims(), aud: "other-api" })],
    ["an audience list without ours", () => forge(HS256, { ...goodClaims(), aud: ["a", "b"] })],
    ["another issuer", () => forge(HS256, { ...goodClaims(), iss: "https://evil.example" })],
    ["exp as a string", () => forge(HS256, { ...goodClaims(), exp: String(now() + 300) })],
    [
      "a payload that is not JSON",
      () => {
        const input = `${b64url(HS256)}.${b64url("not json")}`;
        return `${input}.${createHmac("sha256", JWT_SECRET).update(input).digest("base64url")}`;
      },
    ],
    ["a payload that is a JSON array", () => forge(HS256, [1, 2, 3] as unknown as object)],
    ["two parts only", () => forge(HS256, goodClaims()).split(".").slice(0, 2).join(".")],
    ["four parts", () => `${forge(HS256, goodClaims())}.extra`],
    ["garbage", () => "garbage"],
    ["base64 padding and odd characters", () => "e30=.e30=.!!!"],
    [
      "a 12 KB token (over maxTokenLength, under the header limit)",
      () => `${"a".repeat(6_000)}.${"b".repeat(6_000)}.c`,
    ],
    ["a crit header nobody understands", () => forge({ ...HS256, crit: ["exp"] }, goodClaims())],
  ];

  it.each(forged)("%s → 401", async (_name, token) => {
    const served = await startApp();
    await expectUnauthorized(served, `Bearer ${token()}`);
    await expectStillServing(served);
    expectNoErrors(served);
  });

  it("a token signed by a correctly configured issuer whose clock says it expired → 401", async () => {
    const served = await startApp();
    const past = createJwt({
      algorithm: "HS256",
      secret: JWT_SECRET,
      audience: JWT_AUDIENCE,
      issuer: JWT_ISSUER,
      expiresIn: "1m",
      clock: () => new Date(Date.now() - 3_600_000),
    });
    await expectUnauthorized(served, `Bearer ${await past.sign({ sub: "ann" })}`);
  });

  it.each([
    ["no Authorization header", undefined],
    ["an empty value", ""],
    ["Bearer without a token", "Bearer"],
    ["Bearer and spaces", "Bearer    "],
    ["another scheme", "Basic YWRtaW46czNjcjN0"],
    ["a token without a scheme", forge(HS256, goodClaims())],
  ])("%s → 401 Not authenticated", async (_name, authorization) => {
    const served = await startApp();
    await expectUnauthorized(served, authorization);
  });
});

describe("HTTP Basic", () => {
  const basic = (text: string) => `Basic ${Buffer.from(text, "utf8").toString("base64")}`;

  it("the right pair passes (the control case)", async () => {
    const served = await startApp();
    const answer = await call(served, "GET", "/admin", {
      headers: { authorization: basic(`${BASIC_USER.username}:${BASIC_USER.password}`) },
    });
    expect(answer.json()).toEqual({ admin: "admin" });
  });

  it.each([
    ["a wrong password", basic(`${BASIC_USER.username}:wrong`)],
    [
      "a prefix of the password",
      basic(`${BASIC_USER.username}:${BASIC_USER.password.slice(0, -1)}`),
    ],
    ["the password with a suffix", basic(`${BASIC_USER.username}:${BASIC_USER.password}x`)],
    ["a wrong user", basic(`root:${BASIC_USER.password}`)],
    ["no colon", basic("adminsecret")],
    ["not base64", "Basic !!!not-base64!!!"],
    [
      "base64 without padding",
      `Basic ${Buffer.from("admin:x").toString("base64").replace(/=+$/, "")}`,
    ],
    ["base64url characters", "Basic YWRt-W46_A"],
    ["a bare scheme", "Basic"],
    ["an empty pair", basic(":")],
    [
      "bytes that are not UTF-8",
      `Basic ${Buffer.from([0x61, 0x3a, 0xff, 0xfe]).toString("base64")}`,
    ],
    // As in FastAPI, Basic credentials must be ASCII once decoded.
    ["a non-ASCII password", basic(`${BASIC_USER.username}:pässword`)],
    ["a 7 KB header", basic(`admin:${"p".repeat(5_000)}`)],
  ])("%s → 401 with the Basic challenge", async (_name, authorization) => {
    const served = await startApp();
    const answer = await call(served, "GET", "/admin", { headers: { authorization } });
    expect(answer.status, answer.text).toBe(401);
    expect(answer.headers["www-authenticate"]).toMatch(/^Basic/);
    expect(typeof answer.json().detail).toBe("string");
    expectNoErrors(served);
  });
});
