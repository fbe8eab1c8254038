import { describe, expect, it } from "vitest";
import { parseGuide } from "./guide";

const fence = "```";

describe("parseGuide", () => {
  it("turns blocks into files and steps, in order", () => {
    const guide = parseGuide(
      "docs/01-x.md",
      [
        "# First steps",
        `${fence}ts`,
        "export const app = 1;",
        fence,
        `${fence}http`,
        "GET /",
        "",
        "HTTP/1.1 200 OK",
        fence,
        `${fence}dotenv .env`,
        "A=1",
        fence,
        `${fence}ts main.ts entry`,
        "import './block-3';",
        fence,
        `${fence}ts app.test.ts`,
        "",
        fence,
        `${fence}sh`,
        "npm install typhoon",
        fence,
      ].join("\n"),
    );
    expect(guide.title).toBe("First steps");
    expect(guide.slug).toBe("01-x");
    expect(guide.files.map((file) => [file.name, file.line, file.typescript])).toEqual([
      ["block-3.ts", 3, true],
      [".env", 11, false],
      ["main.ts", 14, true],
      ["app.test.ts", 17, true],
    ]);
    expect(guide.steps.map((step) => [step.kind, step.line])).toEqual([
      ["module", 3],
      ["http", 6],
      ["entry", 14],
      ["test", 17],
    ]);
  });

  it("points at the guide's line when a block is wrong", () => {
    const parse =
      (...lines: string[]) =>
      () =>
        parseGuide("docs/x.md", lines.join("\n"));
    expect(parse("", `${fence}ts a.ts`, fence, `${fence}ts a.ts`, fence)).toThrow(
      "docs/x.md:4: a.ts is written twice",
    );
    expect(parse(`${fence}ts a.ts fast`, fence)).toThrow('docs/x.md:1: unknown flag "fast"');
    expect(parse(`${fence}ts ../a.ts`, fence)).toThrow(/must stay inside the guide's folder/);
    expect(parse(`${fence}ts a.js`, fence)).toThrow("a.js is not a .ts file");
    expect(parse(`${fence}dotenv .env entry`, fence)).toThrow("only TypeScript can be an entry");
    expect(parse("", "", `${fence}http`, "GET /", "bad header", fence)).toThrow(
      /docs\/x\.md:5: expected a header line/,
    );
  });
});
