import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { parseGuide, writeWorkspace } from "./guide";
import { typecheck } from "./typecheck";

// Inside the package, where the tsconfig preset and "typhoon" resolve.
const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../.guides-tmp",
  `unit-${process.pid}`,
);
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe("typecheck", () => {
  it("reports errors of the guides' blocks at the guide's own lines", () => {
    const guide = parseGuide(
      "docs/99-example.md",
      [
        "# Example",
        "",
        "```ts helpers.ts",
        "export const twice = (n: number) => n * 2;",
        "```",
        "",
        "```ts",
        'import { Typhoon } from "typhoon";',
        'import { twice } from "./helpers";',
        "export const app = new Typhoon();",
        'app.get("/", () => twice("2"));',
        "```",
      ].join("\n"),
    );
    writeWorkspace([guide], root);
    expect(typecheck([guide], root)).toEqual([
      "docs/99-example.md:11:26 TS2345 Argument of type 'string' is not assignable to parameter of type 'number'.",
    ]);
  }, 60_000);
});
