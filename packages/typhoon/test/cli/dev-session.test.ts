// `typhoon dev` in-process, with a stand-in for the CLI script as the child: the arguments it
// is given, and restarts on changes.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type DevSession, startDev } from "../../src/cli/commands/dev";
import type { CliContext } from "../../src/cli/context";
import { CliError } from "../../src/cli/errors";
import { FIXTURES } from "./spawn-cli";

interface Started {
  args: string[];
  devChild: string;
  pid: number;
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 250; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("startDev", () => {
  let dir: string;
  let journal: string;
  let session: DevSession | undefined;
  let stderr: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "typhoon-dev-session-"));
    journal = path.join(dir, "journal.log");
    mkdirSync(path.join(dir, "src"));
    writeFileSync(path.join(dir, "src", "app.ts"), "export const app = 1;\n");
    stderr = "";
  });
  afterEach(async () => {
    await session?.stop();
    session = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  const ctx = (): CliContext => ({
    cwd: dir,
    env: { ...process.env, FAKE_ENTRY_JOURNAL: journal },
    stdout: () => {},
    stderr: (text) => {
      stderr += text;
    },
    entry: path.join(FIXTURES, "fake-entry.mjs"),
  });

  const starts = (): Started[] => {
    try {
      return readFileSync(journal, "utf8")
        .trim()
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Started);
    } catch {
      return [];
    }
  };

  const server = { host: "127.0.0.1", port: 8123, logLevel: "info" as const, rootPath: "/api" };

  it("runs `run <target>` with the server options in a child marked as a dev child", async () => {
    session = startDev({ target: "src/app.ts:app", server, watch: [] }, ctx());
    await until(() => starts().length === 1, "the app to start");
    expect(starts()[0]).toMatchObject({
      args: [
        "run",
        "src/app.ts:app",
        "--host",
        "127.0.0.1",
        "--port",
        "8123",
        "--log-level",
        "info",
        "--root-path",
        "/api",
      ],
      devChild: "1",
    });
    expect(stderr).toBe(`typhoon dev: watching ${dir}\n`);
    expect(await session.stop()).toBe(0);
  });

  it("restarts the child when a watched file changes", async () => {
    session = startDev(
      { target: "src/app.ts", server: { ...server, rootPath: undefined }, watch: ["src"] },
      ctx(),
    );
    await until(() => starts().length === 1, "the app to start");
    expect(starts()[0]?.args).not.toContain("--root-path");
    writeFileSync(path.join(dir, "src", "app.ts"), "export const app = 2;\n");
    await until(() => starts().length === 2, "the restart");
    expect(stderr).toContain(`typhoon dev: ${path.join("src", "app.ts")} changed; restarting\n`);
    expect(starts()[1]?.pid).not.toBe(starts()[0]?.pid);
  });

  it("refuses a --watch that is not a directory, before starting anything", () => {
    expect(() => startDev({ target: "src/app.ts", server, watch: ["nope"] }, ctx())).toThrow(
      CliError,
    );
    expect(() => startDev({ target: "src/app.ts", server, watch: ["src/app.ts"] }, ctx())).toThrow(
      `Cannot watch "${path.join(dir, "src", "app.ts")}": not a directory`,
    );
    expect(starts()).toEqual([]);
  });

  it("refuses a missing file", () => {
    expect(() => startDev({ target: "src/missing.ts", server, watch: [] }, ctx())).toThrow(
      "Cannot find module file",
    );
  });
});
