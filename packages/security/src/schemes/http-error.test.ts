import { SecurityScopes } from "@typhoon/di";
import { describe, expect, it } from "vitest";
import {
  isSecurityError,
  isSecurityHTTPError,
  SecurityConfigError,
  SecurityHTTPError,
} from "../errors";
import { bearerChallenge } from "./challenge";

describe("SecurityHTTPError", () => {
  it("carries status, detail and headers, and is this package's error", () => {
    const error = new SecurityHTTPError(403, "Not enough permissions", { "X-Reason": "scope" });
    expect(error).toMatchObject({
      status: 403,
      detail: "Not enough permissions",
      headers: { "X-Reason": "scope" },
      message: "Not enough permissions",
      code: "SECURITY_HTTP_ERROR",
      name: "SecurityHTTPError",
    });
    expect(isSecurityHTTPError(error)).toBe(true);
    expect(isSecurityError(error)).toBe(true);
    expect(new SecurityHTTPError(401, "x").headers).toEqual({});
  });

  it("is not confused with other errors", () => {
    expect(isSecurityHTTPError(new Error("x"))).toBe(false);
    expect(isSecurityHTTPError({ status: 401, detail: "x", headers: {} })).toBe(false);
  });

  it.each([200, 399, 600, 401.5, Number.NaN])("refuses status %s", (status) => {
    expect(() => new SecurityHTTPError(status, "x")).toThrow(SecurityConfigError);
  });
});

describe("bearerChallenge", () => {
  it("is `Bearer` without scopes and names them otherwise", () => {
    expect(bearerChallenge()).toBe("Bearer");
    expect(bearerChallenge(new SecurityScopes())).toBe("Bearer");
    expect(bearerChallenge(new SecurityScopes(["me", "items:read"]))).toBe(
      'Bearer scope="me items:read"',
    );
    expect(bearerChallenge(["admin"])).toBe('Bearer scope="admin"');
  });
});
