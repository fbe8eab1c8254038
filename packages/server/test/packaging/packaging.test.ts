// The published artefact, not the sources: pack @typhoon/server, install the tarball into an
// empty npm project (its own dependencies come from the registry, as for a user), and serve a
// bare ServerApp from it in a child process.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
let project: string;

beforeAll(() => {
  if (!existsSync(path.join(packageDir, "dist/index.js"))) {
    execFileSync("pnpm", ["build"], { cwd: packageDir, stdio: "ignore" });
  }
  project = mkdtempSync(path.join(tmpdir(), "typhoon-server-pack-"));
  execFileSync("pnpm", ["pack", "--pack-destination", project], {
    cwd: packageDir,
    stdio: "ignore",
  });
  const tarball = readdirSync(project).find((f) => f.endsWith(".tgz"));
  if (!tarball) throw new Error("pnpm pack produced no tarball");
  writeFileSync(
    path.join(project, "package.json"),
    JSON.stringify({ name: "consumer", private: true, type: "module" }),
  );
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", `./${tarball}`], {
    cwd: project,
    stdio: "ignore",
  });
}, 180_000);

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

describe("the packed @typhoon/server", () => {
  it("ships dist and a package.json without source-only export conditions", () => {
    const installed = path.join(project, "node_modules/@typhoon/server");
    expect(existsSync(path.join(installed, "dist/index.js"))).toBe(true);
    expect(existsSync(path.join(installed, "dist/index.d.ts"))).toBe(true);
    expect(existsSync(path.join(installed, "src"))).toBe(false);
    const manifest = JSON.parse(
      execFileSync(
        "node",
        ["-p", "JSON.stringify(require('./node_modules/@typhoon/server/package.json'))"],
        { cwd: project, encoding: "utf8" },
      ),
    );
    expect(JSON.stringify(manifest.exports)).not.toContain("typhoon-source");
  });

  it("serves a bare ServerApp from the installed tarball", async () => {
    writeFileSync(
      path.join(project, "server.mjs"),
      `import { serve } from "@typhoon/server";
const app = async (scope, receive, send) => {
  if (scope.type !== "http") return;
  await send({ type: "http.response.start", status: 200, headers: [["content-type", "text/plain"]] });
  await send({ type: "http.response.body", body: new TextEncoder().encode("packed " + scope.path) });
};
const handle = await serve(app, { host: "127.0.0.1", port: 0, logLevel: "silent" });
console.log(handle.url);
process.on("SIGTERM", () => handle.close().then(() => process.exit(0)));
`,
    );
    const child = spawn(process.execPath, ["server.mjs"], {
      cwd: project,
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.once("data", (chunk) => resolve(String(chunk).trim()));
        child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
      });
      const res = await fetch(`${url}/hello`);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe("packed /hello");
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    }
  });
});
