// The public entries of the umbrella, read the way TypeScript sees them: the root stays small
// (what a first app needs), and every exported name lives on exactly one entry.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const pkg = JSON.parse(readFileSync(path.join(packageDir, "package.json"), "utf8"));
const ROOT_LIMIT = 60;

type Target = { "typhoon-source"?: string; types?: string; default?: string };
const entries = Object.entries<Target | string>(pkg.exports).filter(
  (entry): entry is [string, Target] => typeof entry[1] !== "string",
);

/** Every name (values and types) each entry's source module exports. */
function exportedNames(): Map<string, string[]> {
  const files = entries.map(([, target]) => path.join(packageDir, target["typhoon-source"]!));
  const program = ts.createProgram(files, {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    customConditions: ["typhoon-source"],
    target: ts.ScriptTarget.ES2022,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const names = new Map<string, string[]>();
  entries.forEach(([subpath], i) => {
    const source = program.getSourceFile(files[i]!)!;
    const module = checker.getSymbolAtLocation(source)!;
    names.set(
      subpath,
      checker.getExportsOfModule(module).map((symbol) => symbol.name),
    );
  });
  return names;
}

describe("the entries of typhoon", () => {
  const names = exportedNames();

  it(`keeps at most ${ROOT_LIMIT} names on the root`, () => {
    expect(names.get(".")!.length).toBeLessThanOrEqual(ROOT_LIMIT);
  });

  it("reads a name or more from every entry", () => {
    for (const [subpath, list] of names) expect(list.length, subpath).toBeGreaterThan(0);
  });

  it("puts every name on one entry only", () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const [subpath, list] of names) {
      for (const name of list) {
        const first = seen.get(name);
        if (first) twice.push(`${name}: ${first} and ${subpath}`);
        seen.set(name, subpath);
      }
    }
    expect(twice).toEqual([]);
  });

  it("lays each subpath out as dist/<subpath>/index.js built from src/<subpath>/index.ts", () => {
    for (const [subpath, target] of entries) {
      const base = subpath === "." ? "" : `${subpath.slice(2)}/`;
      expect(target, subpath).toEqual({
        "typhoon-source": `./src/${base}index.ts`,
        types: `./dist/${base}index.d.ts`,
        // `default`, not `import`: require("typhoon") loads the ESM build too (require(esm)).
        default: `./dist/${base}index.js`,
      });
      expect(pkg.publishConfig.exports[subpath], subpath).toEqual({
        types: target.types,
        default: target.default,
      });
    }
  });
});
