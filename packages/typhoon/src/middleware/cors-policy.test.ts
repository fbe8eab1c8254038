import { describe, expect, it } from "vitest";
import { planCORS } from "./cors-policy";

describe("planCORS", () => {
  it("sorts the allowed headers with the safelisted ones, case-insensitively deduplicated", () => {
    const policy = planCORS({
      allowOrigins: ["https://a.example"],
      allowHeaders: ["X-Custom", "content-type"],
    });
    expect(Object.fromEntries(policy.preflightHeaders)["access-control-allow-headers"]).toBe(
      "Accept, Accept-Language, Content-Language, Content-Type, X-Custom",
    );
    expect([...policy.allowedHeaders]).toContain("x-custom");
  });

  it("refuses any-origin together with credentials", () => {
    expect(() => planCORS({ allowOrigins: "*", allowCredentials: true })).toThrow(
      /allowCredentials/,
    );
    expect(() => planCORS({ allowOrigins: ["*"], allowCredentials: true })).toThrow(TypeError);
  });

  it("checks maxAge and the type of origin entries", () => {
    expect(() => planCORS({ maxAge: -1 })).toThrow(/maxAge/);
    expect(() => planCORS({ maxAge: 1.5 })).toThrow(/maxAge/);
    expect(() => planCORS({ allowOrigins: [42 as never] })).toThrow(/strings or RegExps/);
  });

  it("expands * methods to every standard method", () => {
    expect([...planCORS({ allowMethods: "*" }).allowedMethods]).toEqual([
      "DELETE",
      "GET",
      "HEAD",
      "OPTIONS",
      "PATCH",
      "POST",
      "PUT",
    ]);
    expect([...planCORS({}).allowedMethods]).toEqual(["GET"]);
  });

  it("matches patterns against the whole origin only (fullmatch)", () => {
    const policy = planCORS({ allowOrigins: [/https:\/\/.*\.example\.org/g, "https://x.test"] });
    expect(policy.isAllowedOrigin("https://app.example.org")).toBe(true);
    expect(policy.isAllowedOrigin("https://app.example.org.evil.com")).toBe(false);
    expect(policy.isAllowedOrigin("evil://https://app.example.org")).toBe(false);
    expect(policy.isAllowedOrigin("https://x.test")).toBe(true);
    // A global flag must not make test() stateful between calls.
    expect(policy.isAllowedOrigin("https://app.example.org")).toBe(true);
  });

  it("accepts a predicate, trusting only an explicit true", () => {
    const policy = planCORS({
      allowOrigins: (o) => (o.endsWith(".trusted") ? true : ("" as never)),
    });
    expect(policy.isAllowedOrigin("https://a.trusted")).toBe(true);
    expect(policy.isAllowedOrigin("https://a.other")).toBe(false);
  });
});
