import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const fixture = readFileSync(new URL("./readme-example.ts", import.meta.url), "utf8");

/** The first ```ts block after `heading`. */
function snippet(heading: string): string {
  const section = readme.split(`\n${heading}\n`)[1];
  if (section === undefined) throw new Error(`README has no "${heading}" section`);
  const code = section.split("```ts\n")[1]?.split("```")[0];
  if (code === undefined) throw new Error(`"${heading}" has no ts code block`);
  return code;
}

describe("README: in-process transport", () => {
  it("shows the example this test runs, verbatim", () => {
    const fromFixture = fixture
      .split("\n")
      .filter((line) => !line.startsWith("//"))
      .join("\n")
      .replace('from "../../src/index"', 'from "@typhoon/server"')
      .trim();
    expect(snippet("## In-process transport").trim()).toBe(fromFixture);
  });

  it("runs the example", async () => {
    await expect(import("./readme-example")).resolves.toBeDefined();
  });
});
