import { describe, expect, it } from "vitest";
import { statusHasNoBody } from "./status";

describe("statusHasNoBody", () => {
  it("is true for 1xx, 204 and 304 only", () => {
    expect([100, 101, 199, 204, 304].map(statusHasNoBody)).toEqual([true, true, true, true, true]);
    expect([200, 201, 205, 301, 404, 500].map(statusHasNoBody)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
