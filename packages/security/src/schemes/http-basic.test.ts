import { Depends, dependency } from "@typhoon/di";
import { describe, expect, it } from "vitest";
import { authenticate, basicHeader, refusal, resolve } from "../../test/helpers";
import { verifyBasic } from "../compare";
import { SecurityConfigError, SecurityHTTPError } from "../errors";
import { HTTPBasic } from "./http";

const basic = new HTTPBasic();
const NOT_AUTHENTICATED = {
  status: 401,
  detail: "Not authenticated",
  headers: { "WWW-Authenticate": "Basic" },
};
// FastAPI 0.141 answers unreadable credentials as it answers missing ones (its
// tests/test_security_http_basic_*.py): the same 401, detail and challenge.
const INVALID = NOT_AUTHENTICATED;

describe("HTTPBasic", () => {
  it("yields the username and password", async () => {
    expect(await authenticate(basic, { headers: basicHeader("john:secret") })).toEqual({
      username: "john",
      password: "secret",
    });
  });

  it("splits at the first colon, so a password may contain colons; either part may be empty", async () => {
    expect(await authenticate(basic, { headers: basicHeader("john:s:e:c") })).toEqual({
      username: "john",
      password: "s:e:c",
    });
    expect(await authenticate(basic, { headers: basicHeader(":") })).toEqual({
      username: "",
      password: "",
    });
  });

  it("accepts the scheme in any case", async () => {
    const token = Buffer.from("john:secret").toString("base64");
    const headers = { authorization: `bAsIc ${token}` };
    expect(await authenticate(basic, { headers })).toMatchObject({ username: "john" });
  });

  it("answers 401 Not authenticated with the Basic challenge when the header is missing", async () => {
    expect(await refusal(authenticate(basic))).toEqual(NOT_AUTHENTICATED);
  });

  it("answers 401 Not authenticated for another scheme", async () => {
    const headers = { authorization: "Bearer am9objpzZWNyZXQ=" };
    expect(await refusal(authenticate(basic, { headers }))).toEqual(NOT_AUTHENTICATED);
  });

  it.each([
    ["not base64", "Basic notabase64token"],
    ["no padding", `Basic ${Buffer.from("john:secre").toString("base64").replace(/=+$/, "")}`],
    ["url-safe alphabet", "Basic am9objpz_-Vj"],
    ["padding inside", "Basic am9o=bjpzZWNyZXQ="],
    ["nothing after the scheme", "Basic"],
    ["only padding", "Basic ===="],
    ["a character outside the alphabet", "Basic am9o!bjpzZWNyZXQ="],
  ])("answers 401 Not authenticated when the token is %s", async (_, value) => {
    const headers = { authorization: value };
    expect(await refusal(authenticate(basic, { headers }))).toEqual(INVALID);
  });

  it('answers 401 Not authenticated without a colon (FastAPI\'s b64encode(b"johnsecret"))', async () => {
    expect(await refusal(authenticate(basic, { headers: basicHeader("johnsecret") }))).toEqual(
      INVALID,
    );
  });

  it("refuses credentials that are not ASCII, as FastAPI decodes them", async () => {
    const headers = basicHeader(new TextEncoder().encode("jöhn:secret"));
    expect(await refusal(authenticate(basic, { headers }))).toEqual(INVALID);
    // Bytes that are not UTF-8 either (a lone continuation byte, Latin-1 ö).
    for (const bytes of [
      [0x6a, 0x80, 0x3a, 0x78],
      [0x6a, 0xf6, 0x3a, 0x78],
    ]) {
      const broken = basicHeader(Uint8Array.from(bytes));
      expect(await refusal(authenticate(basic, { headers: broken }))).toEqual(INVALID);
    }
  });

  it("sends the realm in every challenge, quoted and escaped", async () => {
    const realmed = new HTTPBasic({ realm: "simple" });
    const challenge = { "WWW-Authenticate": 'Basic realm="simple"' };
    expect((await refusal(authenticate(realmed))).headers).toEqual(challenge);
    const headers = { authorization: "Basic ###" };
    expect(await refusal(authenticate(realmed, { headers }))).toEqual({
      ...INVALID,
      headers: challenge,
    });

    const odd = new HTTPBasic({ realm: 'say "hi" \\o/' });
    expect(odd.makeAuthenticateHeaders()).toEqual({
      "WWW-Authenticate": 'Basic realm="say \\"hi\\" \\\\o/"',
    });
  });

  it("with autoError false yields undefined for missing credentials but still refuses broken ones", async () => {
    const optional = new HTTPBasic({ autoError: false });
    expect(await authenticate(optional)).toBeUndefined();
    expect(
      await authenticate(optional, { headers: { authorization: "Bearer x" } }),
    ).toBeUndefined();
    for (const authorization of [
      "Basic notabase64token",
      basicHeader("johnsecret").authorization,
    ]) {
      const headers = { authorization };
      expect(await refusal(authenticate(optional, { headers }))).toEqual(INVALID);
    }
    expect(await authenticate(optional, { headers: basicHeader("john:secret") })).toEqual({
      username: "john",
      password: "secret",
    });
  });

  it("with a realm, answers every failure as FastAPI's realm tests do", async () => {
    const realmed = new HTTPBasic({ realm: "simple" });
    const expected = {
      ...NOT_AUTHENTICATED,
      headers: { "WWW-Authenticate": 'Basic realm="simple"' },
    };
    for (const headers of [
      {},
      { authorization: "Bearer x" },
      { authorization: "Basic notabase64token" },
      basicHeader("johnsecret"),
      basicHeader(Uint8Array.from([0xff, 0x3a])),
    ]) {
      expect(await refusal(authenticate(realmed, { headers }))).toEqual(expected);
    }
  });

  it("lets a dependency refuse a wrong pair, compared in constant time", async () => {
    const admin = { username: "admin", password: "s3cr3t" };
    const currentAdmin = dependency({ credentials: Depends(basic) }, ({ credentials }) => {
      if (!verifyBasic(credentials, admin)) {
        throw new SecurityHTTPError(401, "Incorrect username or password", {
          "WWW-Authenticate": "Basic",
        });
      }
      return credentials.username;
    });
    const run = (text: string) =>
      resolve({ user: Depends(currentAdmin) }, { headers: basicHeader(text) });

    expect(await run("admin:s3cr3t")).toEqual({ user: "admin" });
    for (const wrong of ["admin:s3cr3", "admin:s3cr3t ", "Admin:s3cr3t", "root:s3cr3t"]) {
      expect(await refusal(run(wrong))).toEqual({
        ...INVALID,
        detail: "Incorrect username or password",
      });
    }
  });

  it("describes itself for OpenAPI", () => {
    expect(basic.securityScheme).toEqual({
      name: "HTTPBasic",
      definition: { type: "http", scheme: "basic" },
    });
    const named = new HTTPBasic({ schemeName: "AdminBasic", description: "Admins only" });
    expect(named.name).toBe("AdminBasic");
    expect(named.securityScheme).toEqual({
      name: "AdminBasic",
      definition: { type: "http", scheme: "basic", description: "Admins only" },
    });
    expect(Object.isFrozen(named.securityScheme.definition)).toBe(true);
  });

  it("refuses a realm that could break the header, at construction", () => {
    expect(() => new HTTPBasic({ realm: "a\r\nSet-Cookie: x=1" })).toThrow(SecurityConfigError);
    expect(() => new HTTPBasic({ realm: "" })).toThrow(SecurityConfigError);
  });
});
