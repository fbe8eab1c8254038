import { describe, expect, it } from "vitest";
import { parseTemplate } from "./template";

describe("parseTemplate", () => {
  it("splits a template into static, param and catch-all segments", () => {
    const parsed = parseTemplate("/users/{user_id}/files/{file_path:path}");
    expect(parsed.segments).toEqual([
      { kind: "static", value: "users" },
      { kind: "param", name: "user_id" },
      { kind: "static", value: "files" },
      { kind: "catchAll", name: "file_path" },
    ]);
    expect(parsed.params).toEqual(["user_id", "file_path"]);
    expect(parsed.catchAll).toBe("file_path");
    expect(parsed.isStatic).toBe(false);
    expect(parsed.template).toBe("/users/{user_id}/files/{file_path:path}");
  });

  it("treats `/` as one empty static segment and keeps trailing slashes", () => {
    expect(parseTemplate("/").segments).toEqual([{ kind: "static", value: "" }]);
    expect(parseTemplate("/a/").segments).toEqual([
      { kind: "static", value: "a" },
      { kind: "static", value: "" },
    ]);
    expect(parseTemplate("/a/").isStatic).toBe(true);
    expect(parseTemplate("/a/").catchAll).toBeNull();
  });

  it("gives templates that match the same paths the same shape", () => {
    expect(parseTemplate("/a/{x}/b/{rest:path}").shape).toBe("/a/{}/b/{*}");
    expect(parseTemplate("/a/{y}/b/{other:path}").shape).toBe("/a/{}/b/{*}");
    expect(parseTemplate("/a/{x}").shape).not.toBe(parseTemplate("/a/{x:path}").shape);
  });

  it("accepts underscores and digits in names, and keeps non-ASCII static text", () => {
    expect(parseTemplate("/{_a1}/{B_2}").params).toEqual(["_a1", "B_2"]);
    expect(parseTemplate("/café/ü").segments).toEqual([
      { kind: "static", value: "café" },
      { kind: "static", value: "ü" },
    ]);
  });

  it("refuses a non-string template with a clear message", () => {
    expect(() => parseTemplate(42 as unknown as string)).toThrow("must be a string");
  });
});
