import * as v from "valibot";
import { describe, expect, it } from "vitest";
import {
  OAuth2PasswordRequestForm,
  OAuth2PasswordRequestFormStrict,
  parseScopes,
} from "./password-request-form";

describe("OAuth2PasswordRequestForm", () => {
  it("needs only username and password; scope defaults to an empty string", () => {
    expect(
      v.parse(OAuth2PasswordRequestForm, { username: "alice", password: "wonderland" }),
    ).toEqual({
      username: "alice",
      password: "wonderland",
      scope: "",
    });
  });

  it("keeps every field when sent", () => {
    const form = {
      grant_type: "password",
      username: "alice",
      password: "wonderland",
      scope: "me items:read",
      client_id: "docs",
      client_secret: "s",
    };
    expect(v.parse(OAuth2PasswordRequestForm, form)).toEqual(form);
  });

  it.each(["client_credentials", "passwordx", "xpassword", "Password"])(
    "refuses grant_type %j (anchored ^password$)",
    (grant_type) => {
      const result = v.safeParse(OAuth2PasswordRequestForm, {
        grant_type,
        username: "a",
        password: "b",
      });
      expect(result.success).toBe(false);
      expect(result.issues?.map((issue) => v.getDotPath(issue))).toEqual(["grant_type"]);
    },
  );

  it("reports every missing required field at once", () => {
    const result = v.safeParse(OAuth2PasswordRequestForm, {});
    expect(result.issues?.map((issue) => v.getDotPath(issue))).toEqual(["username", "password"]);
  });
});

describe("OAuth2PasswordRequestFormStrict", () => {
  it("requires grant_type=password", () => {
    const base = { username: "a", password: "b" };
    expect(v.safeParse(OAuth2PasswordRequestFormStrict, base).success).toBe(false);
    expect(v.parse(OAuth2PasswordRequestFormStrict, { ...base, grant_type: "password" })).toEqual({
      ...base,
      grant_type: "password",
      scope: "",
    });
  });

  it("has the same fields as the lenient form", () => {
    expect(Object.keys(OAuth2PasswordRequestFormStrict.entries).sort()).toEqual(
      Object.keys(OAuth2PasswordRequestForm.entries).sort(),
    );
  });
});

describe("parseScopes", () => {
  it.each([
    ["", []],
    ["   ", []],
    ["me", ["me"]],
    ["me items:read", ["me", "items:read"]],
    ["  me\titems:read \n admin  ", ["me", "items:read", "admin"]],
  ])("splits %j on whitespace", (scope, scopes) => {
    expect(parseScopes(scope)).toEqual(scopes);
  });

  it("refuses a non-string", () => {
    expect(() => parseScopes(undefined as never)).toThrow(TypeError);
  });
});
