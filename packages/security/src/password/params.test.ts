import { scryptSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isSecurityError } from "../errors";
import {
  DEFAULT_SCRYPT_PARAMS,
  paramsProblem,
  resolveParams,
  SCRYPT_LIMITS,
  scryptMemory,
} from "./params";

describe("scrypt parameters", () => {
  it("defaults to N = 2^15, r = 8, p = 1 (32 MiB), within the limits", () => {
    expect(DEFAULT_SCRYPT_PARAMS).toEqual({ logN: 15, r: 8, p: 1 });
    expect(paramsProblem(DEFAULT_SCRYPT_PARAMS)).toBeUndefined();
    expect(scryptMemory(DEFAULT_SCRYPT_PARAMS)).toBeGreaterThan(32 * 1024 * 1024);
  });

  it("accepts OWASP's recommended settings", () => {
    expect(paramsProblem({ logN: 17, r: 8, p: 1 })).toBeUndefined();
    expect(paramsProblem({ logN: 16, r: 8, p: 2 })).toBeUndefined();
    expect(paramsProblem({ logN: 15, r: 8, p: 3 })).toBeUndefined();
  });

  it.each([
    [{ logN: 0, r: 8, p: 1 }, /logN must be/],
    [{ logN: 21, r: 8, p: 1 }, /logN must be/],
    [{ logN: 10.5, r: 8, p: 1 }, /logN must be/],
    [{ logN: 10, r: 0, p: 1 }, /r must be/],
    [{ logN: 10, r: 33, p: 1 }, /r must be/],
    [{ logN: 10, r: 8, p: 0 }, /p must be/],
    [{ logN: 10, r: 8, p: 17 }, /p must be/],
    [{ logN: 16, r: 1, p: 1 }, /below 16·r/],
    [{ logN: 18, r: 16, p: 1 }, /256 MiB/],
    [{ logN: 17, r: 8, p: 5 }, /2\^22/],
  ])("rejects %j", (params, message) => {
    expect(paramsProblem(params)).toMatch(message);
  });

  it("computes exactly the memory OpenSSL asks for, so maxmem never refuses a valid hash", () => {
    const params = { logN: 6, r: 4, p: 3 };
    const options = { N: 2 ** params.logN, r: params.r, p: params.p };
    expect(() =>
      scryptSync("pw", "salt", 16, { ...options, maxmem: scryptMemory(params) }),
    ).not.toThrow();
    expect(() =>
      scryptSync("pw", "salt", 16, { ...options, maxmem: scryptMemory(params) - 1 }),
    ).toThrow();
  });

  it("fills missing options from the defaults and throws a config error on bad ones", () => {
    expect(resolveParams(undefined, "x")).toBe(DEFAULT_SCRYPT_PARAMS);
    expect(resolveParams({ logN: 4 }, "x")).toEqual({ logN: 4, r: 8, p: 1 });
    let caught: unknown;
    try {
      resolveParams({ logN: SCRYPT_LIMITS.maxLogN + 1 }, "hashPassword");
    } catch (error) {
      caught = error;
    }
    expect(isSecurityError(caught) && caught.code).toBe("SECURITY_CONFIG_INVALID");
    expect((caught as Error).message).toMatch(/^hashPassword: logN/);
  });
});
