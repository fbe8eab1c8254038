import { describe, expect, it } from "vitest";
import { splitAuthorization } from "./read";

describe("splitAuthorization", () => {
  it.each([
    [undefined, "", ""],
    ["", "", ""],
    ["Bearer", "Bearer", ""],
    ["Bearer abc", "Bearer", "abc"],
    ["Bearer  two spaces", "Bearer", " two spaces"],
    [" leading", "", "leading"],
  ])("splits %j at the first space", (value, scheme, param) => {
    expect(splitAuthorization(value)).toEqual({ scheme, param });
  });
});
