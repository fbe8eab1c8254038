import { describe, expect, it } from "vitest";
import { codeBlocks } from "./markdown";

describe("codeBlocks", () => {
  it("reads the language, file name, flags, code and first line of each fence", () => {
    const markdown = [
      "# Title",
      "",
      "```ts main.ts entry",
      "const a = 1;",
      "```",
      "text",
      "~~~http",
      "GET /",
      "~~~",
    ].join("\n");
    expect(codeBlocks(markdown)).toEqual([
      { lang: "ts", filename: "main.ts", flags: ["entry"], code: "const a = 1;\n", line: 4 },
      { lang: "http", filename: undefined, flags: [], code: "GET /\n", line: 8 },
    ]);
  });

  it("closes a fence only with the same character, at least as long, without info", () => {
    const markdown = ["````md", "```ts", "inner", "```", "````", "```sh", "echo", "```"].join("\n");
    const blocks = codeBlocks(markdown);
    expect(blocks.map((block) => block.lang)).toEqual(["md", "sh"]);
    expect(blocks[0]?.code).toBe("```ts\ninner\n```\n");
  });

  it("runs an unclosed fence to the end and keeps empty blocks", () => {
    expect(codeBlocks("```\n```\n```js\nx")).toEqual([
      { lang: "", filename: undefined, flags: [], code: "", line: 2 },
      { lang: "js", filename: undefined, flags: [], code: "x\n", line: 4 },
    ]);
  });

  it("takes a dotfile as a file name, and ignores inline code that looks like a fence", () => {
    expect(codeBlocks("```dotenv .env\nA=1\n```")[0]?.filename).toBe(".env");
    expect(codeBlocks("```ts `x` ```\n")).toEqual([]);
  });
});
