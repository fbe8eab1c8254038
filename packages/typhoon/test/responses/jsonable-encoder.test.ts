import { describe, expect, it } from "vitest";
import { jsonableEncoder } from "../../src/responses/index";

describe("typhoon/responses re-exports jsonableEncoder", () => {
  it("encodes as FastAPI's jsonable_encoder", () => {
    expect(jsonableEncoder({ at: new Date("2024-03-01T09:30:00Z"), tags: new Set(["a"]) })).toEqual(
      { at: "2024-03-01T09:30:00+00:00", tags: ["a"] },
    );
  });
});
