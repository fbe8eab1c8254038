import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { brokenLinks } from "./links";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "guides-links-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("brokenLinks", () => {
  it("lists relative links whose file is missing, skipping anchors, URLs and code", () => {
    fs.writeFileSync(path.join(dir, "there.md"), "");
    const file = path.join(dir, "index.md");
    const markdown = [
      "[ok](there.md#part) [gone](gone.md) [web](https://example.com/x) [top](#top)",
      "```md",
      "[in code](nowhere.md)",
      "```",
      "[also gone](sub/none.md)",
    ].join("\n");
    expect(brokenLinks(markdown, file)).toEqual(["1: gone.md", "5: sub/none.md"]);
  });
});
