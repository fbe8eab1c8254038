import { OAuth2PasswordRequestForm } from "@typhoon/security";
import * as v from "valibot";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  login,
  readOwnItems,
  readOwnItemsParams,
  readUsersMe,
  readUsersMeParams,
} from "../examples/oauth2-scopes";
import { refusal, resolve } from "./helpers";

// The README walk-through, run as the app would run it: the token endpoint gets the parsed
// form, the protected routes resolve their params through DI with a fake request scope.

async function tokenFor(fields: Record<string, string>): Promise<string> {
  const form = v.parse(OAuth2PasswordRequestForm, fields);
  const { access_token, token_type } = await login(form);
  expect(token_type).toBe("bearer");
  return access_token;
}

const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

async function getItems(request: Parameters<typeof resolve>[1]) {
  return readOwnItems(await resolve(readOwnItemsParams, request));
}

afterEach(() => {
  vi.useRealTimers();
});

describe("OAuth2 password flow with JWT and scopes", () => {
  it("logs in, then reads the current user and their items with the token", async () => {
    const token = await tokenFor({ username: "johndoe", password: "secret", scope: "me items" });
    expect(readUsersMe(await resolve(readUsersMeParams, bearer(token)))).toEqual({
      username: "johndoe",
      full_name: "John Doe",
    });
    expect(await getItems(bearer(token))).toEqual([{ item_id: "Foo", owner: "johndoe" }]);
  });

  it("refuses a wrong password or an unknown user with 400", async () => {
    for (const fields of [
      { username: "johndoe", password: "wrong" },
      { username: "nobody", password: "secret" },
    ]) {
      expect(await refusal(tokenFor(fields))).toEqual({
        status: 400,
        detail: "Incorrect username or password",
        headers: {},
      });
    }
  });

  it("answers 401 Not authenticated without a token", async () => {
    expect(await refusal(getItems({}))).toEqual({
      status: 401,
      detail: "Not authenticated",
      headers: { "WWW-Authenticate": "Bearer" },
    });
  });

  it("answers 401 Not enough permissions, naming every scope the route needs, when the token lacks one", async () => {
    const token = await tokenFor({ username: "johndoe", password: "secret", scope: "me" });
    expect(readUsersMe(await resolve(readUsersMeParams, bearer(token))).username).toBe("johndoe");
    expect(await refusal(getItems(bearer(token)))).toEqual({
      status: 401,
      detail: "Not enough permissions",
      headers: { "WWW-Authenticate": 'Bearer scope="items me"' },
    });
  });

  it("grants only the scopes the user may have, whatever the form asks for", async () => {
    // alice may only have "me"; asking for "items" does not get it. (She is disabled too.)
    const token = await tokenFor({ username: "alice", password: "secret2", scope: "me items" });
    expect(await refusal(getItems(bearer(token)))).toMatchObject({
      status: 401,
      detail: "Not enough permissions",
    });
  });

  it("answers 400 Inactive user for a disabled account with a valid token", async () => {
    const token = await tokenFor({ username: "alice", password: "secret2", scope: "me" });
    expect(await refusal(resolve(readUsersMeParams, bearer(token)))).toEqual({
      status: 400,
      detail: "Inactive user",
      headers: {},
    });
  });

  it.each([
    ["a token whose claims were edited", (token: string) => editClaims(token)],
    ["garbage", () => "not-a-jwt"],
    ["an empty token", () => ""],
    ["an alg:none token", (token: string) => noneToken(token)],
  ])("answers 401 Could not validate credentials for %s", async (_, mangle) => {
    const token = await tokenFor({ username: "johndoe", password: "secret", scope: "me items" });
    expect(await refusal(getItems(bearer(mangle(token))))).toEqual({
      status: 401,
      detail: "Could not validate credentials",
      headers: { "WWW-Authenticate": 'Bearer scope="items me"' },
    });
  });

  it("answers 401 Could not validate credentials once the token expired", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const token = await tokenFor({ username: "johndoe", password: "secret", scope: "me items" });
    expect(await getItems(bearer(token))).toHaveLength(1);
    vi.setSystemTime(Date.now() + 31 * 60 * 1000);
    expect(await refusal(getItems(bearer(token)))).toMatchObject({
      status: 401,
      detail: "Could not validate credentials",
    });
  });
});

/** The token with its subject changed and the original signature kept. */
function editClaims(token: string): string {
  const [header, payload, signature] = token.split(".");
  const claims = JSON.parse(Buffer.from(payload!, "base64url").toString());
  const edited = Buffer.from(JSON.stringify({ ...claims, sub: "alice" })).toString("base64url");
  return `${header}.${edited}.${signature}`;
}

/** The same claims, re-encoded with `alg: none` and no signature. */
function noneToken(token: string): string {
  const payload = token.split(".")[1]!;
  const header = Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url");
  return `${header}.${payload}.`;
}
