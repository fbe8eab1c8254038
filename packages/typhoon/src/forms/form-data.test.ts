import { describe, expect, it } from "vitest";
import { FormData } from "./form-data";
import { UploadFile } from "./upload-file";

describe("FormData", () => {
  const avatar = new UploadFile("png", { filename: "a.png", contentType: "image/png" });
  const make = () =>
    new FormData([
      ["tag", "a"],
      ["avatar", avatar],
      ["name", "Ada"],
      ["tag", "b"],
    ]);

  it("answers the last value for get() and every value in order for getAll()", () => {
    const form = make();
    expect(form.get("tag")).toBe("b");
    expect(form.getAll("tag")).toEqual(["a", "b"]);
    expect(form.get("avatar")).toBe(avatar);
    expect(form.get("missing")).toBeUndefined();
    expect(form.getAll("missing")).toEqual([]);
    expect(form.has("name")).toBe(true);
    expect(form.has("missing")).toBe(false);
  });

  it("keeps the sending order in iteration, fields(), files() and keys()", () => {
    const form = make();
    expect(form.size).toBe(4);
    expect([...form].map(([name]) => name)).toEqual(["tag", "avatar", "name", "tag"]);
    expect([...form.fields()]).toEqual([
      ["tag", "a"],
      ["name", "Ada"],
      ["tag", "b"],
    ]);
    expect([...form.files()]).toEqual([["avatar", avatar]]);
    expect([...form.keys()]).toEqual(["tag", "avatar", "name"]);
  });

  it("getAll() returns a copy", () => {
    const form = make();
    form.getAll("tag").push("c");
    expect(form.getAll("tag")).toEqual(["a", "b"]);
  });

  it("close() closes every file, runs onClose once, and is idempotent", async () => {
    let cleanups = 0;
    const file = new UploadFile("x");
    const form = new FormData([["f", file]], {
      onClose: async () => {
        cleanups++;
      },
    });
    await Promise.all([form.close(), form.close()]);
    await form.close();
    expect(file.closed).toBe(true);
    expect(cleanups).toBe(1);
  });

  it("supports await using", async () => {
    const file = new UploadFile("x");
    {
      await using form = new FormData([["f", file]]);
      expect(form.size).toBe(1);
    }
    expect(file.closed).toBe(true);
  });
});
