import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";

// The README's examples are the files in examples/, quoted verbatim; each runs here.
const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const example = (name: string) =>
  readFileSync(new URL(`../examples/${name}`, import.meta.url), "utf8");

const examples: Record<string, () => Promise<unknown>> = {
  "login.ts": () => import("../examples/login"),
  "key-rotation.ts": () => import("../examples/key-rotation"),
};

async function run(name: string): Promise<unknown[]> {
  const lines: unknown[] = [];
  vi.spyOn(console, "log").mockImplementation((value: unknown) => lines.push(value));
  await examples[name]!();
  return lines;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("README examples", () => {
  // oauth2-scopes.ts and basic-and-api-keys.ts are exercised request by request in their own
  // test files (oauth2-scopes.test.ts, basic-and-api-keys.test.ts).
  it.each(["login.ts", "key-rotation.ts", "oauth2-scopes.ts", "basic-and-api-keys.ts"])(
    "%s is quoted verbatim in the README",
    (name) => {
      expect(readme).toContain(`\`\`\`ts\n${example(name)}\`\`\``);
    },
  );

  it("login.ts: hashes, logs in, issues and verifies a token", async () => {
    expect(await run("login.ts")).toEqual([
      { status: 200, user: "ann", scopes: ["items:read"] },
      undefined,
      undefined,
      { status: 401, code: "JWT_INVALID_SIGNATURE" },
    ]);
  });

  it("key-rotation.ts: old tokens verify until their key is removed", async () => {
    expect(await run("key-rotation.ts")).toEqual([
      "2030-01",
      "ann",
      ["2030-01", "2029-07"],
      "JWT_UNKNOWN_KID",
    ]);
  });
});
