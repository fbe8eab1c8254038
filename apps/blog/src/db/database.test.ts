import { describe, expect, it } from "vitest";
import { maskPassword } from "./database";

describe("maskPassword", () => {
  it("hides the password of a database URL, and only that", () => {
    expect(maskPassword("postgres://blog:s3cret@db:5432/blog")).toBe(
      "postgres://blog:***@db:5432/blog",
    );
    expect(maskPassword("postgres://blog@db/blog")).toBe("postgres://blog@db/blog");
    expect(maskPassword("not a url s3cret")).toBe("(unparsable database URL)");
  });
});
