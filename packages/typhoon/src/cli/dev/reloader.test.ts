import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Reloader } from "./reloader";

// A stand-in app: records its start in a journal file, stays up until SIGTERM (unless told to
// ignore it or to crash), then records its stop.
const APP = `
const fs = require("node:fs");
const [journal, mode] = process.argv.slice(1);
fs.appendFileSync(journal, "start " + process.pid + "\\n");
if (mode === "crash") process.exit(3);
process.on("SIGTERM", () => {
  if (mode === "stubborn") return;
  fs.appendFileSync(journal, "stop " + process.pid + "\\n");
  process.exit(0);
});
setInterval(() => {}, 1000);
`;

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 250; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("Reloader", () => {
  let dir: string;
  let journal: string;
  let reloader: Reloader | undefined;
  let logs: string[];

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "typhoon-reloader-"));
    journal = path.join(dir, "journal");
    logs = [];
  });
  afterEach(async () => {
    await reloader?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const lines = () => {
    try {
      return readFileSync(journal, "utf8").trim().split("\n").filter(Boolean);
    } catch {
      return [];
    }
  };

  const make = (mode = "serve", stopTimeout = 5_000) => {
    reloader = new Reloader({
      command: process.execPath,
      args: ["-e", APP, journal, mode],
      cwd: dir,
      env: process.env,
      stdio: "ignore",
      stopTimeout,
      log: (line) => logs.push(line),
    });
    return reloader;
  };

  it("restarts gracefully: SIGTERM, wait for exit, start again", async () => {
    const r = make();
    r.start();
    await until(() => lines().length === 1, "the first start");
    const first = r.pid;
    r.restart("app.ts changed");
    await until(() => lines().length === 3, "the restart");
    expect(lines()).toEqual([`start ${first}`, `stop ${first}`, `start ${r.pid}`]);
    expect(r.pid).not.toBe(first);
    expect(logs).toEqual(["app.ts changed; restarting"]);
    expect(await r.stop()).toBe(0);
    expect(lines()).toHaveLength(4);
  });

  it("folds restarts requested during a restart into it", async () => {
    const r = make();
    r.start();
    await until(() => lines().length === 1, "the first start");
    r.restart("a changed");
    r.restart("b changed");
    r.restart("c changed");
    await until(() => lines().length === 3, "the restart");
    await r.stop();
    expect(r.starts).toBe(2);
    expect(logs).toEqual(["a changed; restarting"]);
  });

  it("kills an app that ignores SIGTERM after stopTimeout", async () => {
    const r = make("stubborn", 200);
    r.start();
    await until(() => lines().length === 1, "the first start");
    expect(await r.stop()).toBeNull();
    expect(logs).toEqual(["The app did not stop within 200 ms; killing it"]);
  });

  it("waits for a change after the app crashes, then starts it again", async () => {
    const r = make("crash");
    r.start();
    await until(() => logs.length === 1, "the crash report");
    expect(logs[0]).toBe("The app exited (3); waiting for a file change to start it again");
    expect(r.pid).toBeUndefined();
    r.restart("fix.ts changed");
    await until(() => lines().length === 2, "the second start");
    expect(r.starts).toBe(2);
  });

  it("reports an app that cannot be spawned", async () => {
    reloader = new Reloader({
      command: path.join(dir, "no-such-binary"),
      args: [],
      cwd: dir,
      env: process.env,
      stdio: "ignore",
      log: (line) => logs.push(line),
    });
    reloader.start();
    await until(() => logs.length === 1, "the spawn failure");
    expect(logs[0]).toMatch(/^The app could not start: spawn .*ENOENT; waiting for a file change/);
  });
});
