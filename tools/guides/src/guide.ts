import fs from "node:fs";
import path from "node:path";
import { type HttpExchange, parseHttpBlock } from "./http-exchanges";
import { type CodeBlock, codeBlocks } from "./markdown";
import { parseWebSocketBlock, type WebSocketStep } from "./websocket-script";

/** What the test does with the blocks of a guide, in the guide's order. */
export type GuideStep =
  /** A TypeScript module: imported; if it exports `app`, the following requests go to it. */
  | { readonly kind: "module"; readonly file: string; readonly line: number }
  /** A TypeScript entry point (` ```ts main.ts entry `): started as a process, requests over a socket. */
  | { readonly kind: "entry"; readonly file: string; readonly line: number }
  /** A vitest file (` ```ts app.test.ts `): its tests run as part of the guide. */
  | { readonly kind: "test"; readonly file: string; readonly line: number }
  | { readonly kind: "http"; readonly exchanges: HttpExchange[]; readonly line: number }
  | { readonly kind: "websocket"; readonly steps: WebSocketStep[]; readonly line: number };

/** A file of the guide's folder, written before anything runs. */
export interface GuideFile {
  /** Relative to the guide's folder. */
  readonly name: string;
  readonly code: string;
  /** 1-based line of the code's first line in the guide. */
  readonly line: number;
  readonly typescript: boolean;
}

export interface Guide {
  /** Path of the Markdown file relative to the repository root, e.g. `docs/02-params.md`. */
  readonly source: string;
  /** The folder name of the guide's files: the Markdown file's name without `.md`. */
  readonly slug: string;
  readonly title: string;
  readonly files: readonly GuideFile[];
  readonly steps: readonly GuideStep[];
}

/** Languages whose blocks are TypeScript modules that the test compiles and runs. */
const TYPESCRIPT = new Set(["ts", "typescript"]);
const FLAGS = new Set(["entry"]);

export class GuideError extends Error {
  constructor(source: string, line: number, message: string) {
    super(`${source}:${line}: ${message}`);
  }
}

function tsStep(block: CodeBlock, file: string): GuideStep {
  if (block.flags.includes("entry")) return { kind: "entry", file, line: block.line };
  if (file.endsWith(".test.ts")) return { kind: "test", file, line: block.line };
  return { kind: "module", file, line: block.line };
}

/** Reads a guide: the files to write and the steps to run, or a GuideError for a bad block. */
export function parseGuide(source: string, markdown: string): Guide {
  const slug = path.basename(source, ".md");
  const title = /^# (.+)$/m.exec(markdown)?.[1]?.trim() ?? slug;
  const files: GuideFile[] = [];
  const steps: GuideStep[] = [];
  const names = new Set<string>();
  for (const block of codeBlocks(markdown)) {
    const fail = (line: number, message: string): never => {
      throw new GuideError(source, line, message);
    };
    const typescript = TYPESCRIPT.has(block.lang);
    for (const flag of block.flags) {
      if (!FLAGS.has(flag))
        fail(block.line - 1, `unknown flag "${flag}" after \`\`\`${block.lang}`);
    }
    if (typescript || block.filename !== undefined) {
      const name = block.filename ?? `block-${block.line}.ts`;
      if (path.isAbsolute(name) || name.split(/[\\/]/).includes("..")) {
        fail(block.line - 1, `the file name ${name} must stay inside the guide's folder`);
      }
      if (typescript && !/\.(ts|mts)$/.test(name))
        fail(block.line - 1, `${name} is not a .ts file`);
      if (names.has(name))
        fail(block.line - 1, `${name} is written twice; give the blocks distinct names`);
      names.add(name);
      files.push({ name, code: block.code, line: block.line, typescript });
      if (typescript) steps.push(tsStep(block, name));
      else if (block.flags.includes("entry"))
        fail(block.line - 1, "only TypeScript can be an entry");
      continue;
    }
    try {
      if (block.lang === "http") {
        steps.push({ kind: "http", exchanges: parseHttpBlock(block.code), line: block.line });
      } else if (block.lang === "websocket") {
        steps.push({ kind: "websocket", steps: parseWebSocketBlock(block.code), line: block.line });
      }
    } catch (error) {
      const at = (error as { line?: number }).line ?? 1;
      fail(block.line + at - 1, (error as Error).message);
    }
  }
  return { source, slug, title, files, steps };
}

/** Every guide of a folder (its `*.md` files, the index included), sorted by file name. */
export function loadGuides(docsDir: string, repoRoot: string): Guide[] {
  return fs
    .readdirSync(docsDir)
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name) => {
      const file = path.join(docsDir, name);
      return parseGuide(path.relative(repoRoot, file), fs.readFileSync(file, "utf8"));
    });
}

/**
 * Writes every guide's files into `<root>/<slug>/`, after emptying `root`, plus a tsconfig
 * that typechecks them all with the repository's strict settings.
 */
export function writeWorkspace(guides: readonly Guide[], root: string): void {
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(root, { recursive: true });
  for (const guide of guides) {
    for (const file of guide.files) {
      const target = path.join(root, guide.slug, file.name);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, file.code);
    }
  }
  const tsconfig = {
    extends: "@typhoon-tooling/tsconfig/base.json",
    // The guides show application code: unused names are the reader's business.
    compilerOptions: { noEmit: true },
    include: ["**/*.ts", "**/*.mts"],
  };
  fs.writeFileSync(path.join(root, "tsconfig.json"), `${JSON.stringify(tsconfig, null, 2)}\n`);
}

/** Where a file of the workspace came from: `docs/x.md:12` for its line `line`. */
export function locate(
  guides: readonly Guide[],
  root: string,
  fileName: string,
  line: number,
): string | undefined {
  const relative = path.relative(root, fileName).split(path.sep);
  const guide = guides.find((g) => g.slug === relative[0]);
  const file = guide?.files.find((f) => f.name === relative.slice(1).join("/"));
  if (guide === undefined || file === undefined) return undefined;
  return `${guide.source}:${file.line + line - 1}`;
}
