// `pnpm check:packages`: packs every public package as pnpm publishes it (publishConfig
// applied) and checks the tarball with publint and @arethetypeswrong/cli (ESM-only profile:
// CommonJS consumers reach these packages through require(esm) on Node 22+). Also checks that
// each package ships the root LICENSE. Needs a build first (`pnpm build`).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const license = readFileSync(path.join(root, "LICENSE"), "utf8");
const scratch = mkdtempSync(path.join(tmpdir(), "typhoon-check-packages-"));
const failures = [];

function run(label, command, args, cwd) {
  try {
    const out = execFileSync(command, args, { cwd, encoding: "utf8", stdio: "pipe" });
    process.stdout.write(out.trim() === "" ? "" : `${out.trim()}\n`);
  } catch (error) {
    process.stdout.write(`${error.stdout ?? ""}${error.stderr ?? ""}\n`);
    failures.push(label);
  }
}

try {
  for (const dir of readdirSync(path.join(root, "packages")).sort()) {
    const pkgDir = path.join(root, "packages", dir);
    const pkg = JSON.parse(readFileSync(path.join(pkgDir, "package.json"), "utf8"));
    if (pkg.private) continue;
    console.log(`\n== ${pkg.name}`);
    if (readFileSync(path.join(pkgDir, "LICENSE"), "utf8") !== license)
      failures.push(`${pkg.name}: LICENSE differs from the root LICENSE`);
    const out = path.join(scratch, dir);
    mkdirSync(out);
    execFileSync("pnpm", ["pack", "--pack-destination", out], { cwd: pkgDir, stdio: "ignore" });
    const tarball = path.join(
      out,
      readdirSync(out).find((f) => f.endsWith(".tgz")),
    );
    execFileSync("tar", ["xzf", tarball, "-C", out]);
    run(`${pkg.name}: publint`, bin("publint"), ["--strict", "--pack", "false", "package"], out);
    run(
      `${pkg.name}: attw`,
      bin("attw"),
      ["--profile", "esm-only", "--format", "table-flipped", tarball],
      out,
    );
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

if (failures.length > 0) {
  console.error(`\ncheck:packages failed:\n- ${failures.join("\n- ")}`);
  process.exit(1);
}
console.log("\ncheck:packages: every public package is clean (publint, attw)");
