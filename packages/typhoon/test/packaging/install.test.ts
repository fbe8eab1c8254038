// Installing the way users will: the packed tarballs (not the workspace) in empty npm projects.
// The umbrella with its packages, serving an app with its docs page; and a single package
// (@typhoon/router) alone in a project that has nothing else.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const packagesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const PACKAGES = ["server", "router", "validation", "di", "security", "docs", "typhoon"];
let root: string;
const tarballs = new Map<string, string>();

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
  root = mkdtempSync(path.join(tmpdir(), "typhoon-install-"));
  const packs = path.join(root, "tarballs");
  mkdirSync(packs);
  for (const name of PACKAGES) {
    const dir = path.join(packagesDir, name);
    if (!existsSync(path.join(dir, "dist/index.js")))
      execFileSync("pnpm", ["build"], { cwd: dir, stdio: "ignore" });
    const before = new Set(readdirSync(packs));
    execFileSync("pnpm", ["pack", "--pack-destination", packs], { cwd: dir, stdio: "ignore" });
    const made = readdirSync(packs).find((file) => !before.has(file));
    if (!made) throw new Error(`pnpm pack made no tarball for ${name}`);
    tarballs.set(name, path.join(packs, made));
  }
}, 240_000);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe("installing the umbrella from its tarballs", () => {
  it("serves an app, its OpenAPI document and the offline docs page", async () => {
    const project = newProject("uses-typhoon");
    npmInstall(project, [...tarballs.values(), "valibot@^1.1.0"]);
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
      const page = await (await fetch(`${url}/docs`)).text();
      const script = page.match(/src="([^"]*scalar\.js[^"]*)"/)?.[1];
      expect(script).toBeDefined();
      const bundle = await fetch(`${url}${script!.replace(/&amp;/g, "&")}`);
      expect(bundle.status).toBe(200);
      expect((await bundle.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    }
  }, 300_000);
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
