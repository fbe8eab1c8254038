import { describe, expect, it } from "vitest";
import { isSecurityError } from "../errors";
import { MAX_DURATION_SECONDS, toSeconds } from "./duration";

describe("toSeconds", () => {
  it("takes whole seconds as they are", () => {
    expect(toSeconds(0, "x")).toBe(0);
    expect(toSeconds(90, "x")).toBe(90);
  });

  it("reads a number with a unit, short or long, with or without a space", () => {
    expect(toSeconds("30s", "x")).toBe(30);
    expect(toSeconds("15m", "x")).toBe(900);
    expect(toSeconds("15 minutes", "x")).toBe(900);
    expect(toSeconds("2h", "x")).toBe(7200);
    expect(toSeconds("1 Hour", "x")).toBe(3600);
    expect(toSeconds("7d", "x")).toBe(604_800);
    expect(toSeconds("2w", "x")).toBe(1_209_600);
    expect(toSeconds("1y", "x")).toBe(31_557_600);
  });

  it.each([
    -1,
    1.5,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    "",
    "15",
    "m",
    "-5m",
    "1.5h",
    "5 fortnights",
    "15m ago",
    "101y",
    MAX_DURATION_SECONDS + 1,
    "9".repeat(40),
  ])("rejects %j with a config error naming the option", (value) => {
    let caught: unknown;
    try {
      toSeconds(value, "expiresIn");
    } catch (error) {
      caught = error;
    }
    expect(isSecurityError(caught) && caught.code).toBe("SECURITY_CONFIG_INVALID");
    expect((caught as Error).message).toMatch(/^expiresIn must be/);
  });
});
