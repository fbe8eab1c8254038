// The `typhoon` executable as users run it: a real process, real sockets, real signals.
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import nodeFetch from "node-fetch";
import { afterEach, describe, expect, it } from "vitest";
import { FIXTURES, freePort, killAll, PACKAGE_ROOT, spawnCli } from "./spawn-cli";

afterEach(killAll);

const LISTENING = /Listening on (http:\/\/127\.0\.0\.1:\d+)/;

describe("typhoon run", () => {
  it("serves the app on $PORT, prints the docs URL, and exits 0 on SIGTERM", async () => {
    const port = await freePort();
    const cli = spawnCli(["run", "fixtures/app.ts"], { env: { PORT: String(port) } });
    const [, url] = await cli.waitFor(LISTENING);
    expect(url).toBe(`http://127.0.0.1:${port}`);
    await cli.waitFor(/API docs at/);
    expect(cli.stdout()).toContain(
      `Serving fixtures/app.ts:app; API docs at http://127.0.0.1:${port}/docs`,
    );
    const response = await nodeFetch(`${url}/pid`);
    expect(await response.json()).toEqual({ pid: cli.child.pid });
    cli.child.kill("SIGTERM");
    expect(await cli.exited).toBe(0);
    expect(cli.output()).toContain("Received SIGTERM; shutting down gracefully");
  });

  it("runs several workers and stops them all on SIGTERM", async () => {
    const cli = spawnCli(["run", "fixtures/bare.ts", "--port", "0", "--workers", "2"]);
    await cli.waitFor(/Started primary process \d+ with 2 workers/);
    const [, url] = await cli.waitFor(LISTENING);
    // Both workers listen before the test sends traffic: each prints its own line.
    await cli.waitFor(/Listening on [\s\S]*Listening on /);
    const response = await nodeFetch(`${url}/hello`);
    expect(await response.text()).toBe("bare /hello");
    cli.child.kill("SIGTERM");
    expect(await cli.exited).toBe(0);
    expect(cli.output()).toContain("Primary process");
  });

  it("exits 1 with one clear line when the export is missing", async () => {
    const cli = spawnCli(["run", "fixtures/app.ts:nope", "--port", "0"]);
    expect(await cli.exited).toBe(1);
    expect(cli.output()).toMatch(/^typhoon: Module "fixtures\/app.ts" has no export named "nope"/);
  });
});

describe("typhoon routes", () => {
  it("prints JSON for scripts and exits", async () => {
    const cli = spawnCli(["routes", "fixtures/app.ts", "--json"]);
    expect(await cli.exited).toBe(0);
    const routes = JSON.parse(cli.stdout()) as Array<{ path: string }>;
    expect(routes.map((route) => route.path)).toContain("/v1/users/{user_id}");
  });
});

describe("typhoon dev", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  async function getJson(url: string): Promise<{ message: string; pid: number } | null> {
    try {
      return (await (await nodeFetch(url)).json()) as { message: string; pid: number };
    } catch {
      return null; // Between the old app stopping and the new one listening.
    }
  }

  it("restarts the app when a source file changes, and stops it on SIGTERM", async () => {
    dir = mkdtempSync(path.join(tmpdir(), "typhoon-dev-"));
    cpSync(path.join(FIXTURES, "dev-app.ts"), path.join(dir, "dev-app.ts"));
    cpSync(path.join(FIXTURES, "dev-message.ts"), path.join(dir, "dev-message.ts"));
    // An ESM project whose app imports "typhoon", resolved to this package as an install would.
    writeFileSync(path.join(dir, "package.json"), '{ "type": "module" }\n');
    mkdirSync(path.join(dir, "node_modules"));
    symlinkSync(PACKAGE_ROOT, path.join(dir, "node_modules", "typhoon"), "dir");
    const port = await freePort();
    const cli = spawnCli(["dev", "dev-app.ts", "--port", String(port)], { cwd: dir });
    await cli.waitFor(LISTENING);
    await cli.waitFor(new RegExp(`API docs at http://127\\.0\\.0\\.1:${port}/docs`));
    const url = `http://127.0.0.1:${port}/`;
    const first = await getJson(url);
    expect(first?.message).toBe("first");

    writeFileSync(path.join(dir, "dev-message.ts"), 'export const message = "second";\n');
    await cli.waitFor(/dev-message\.ts changed; restarting/);
    let second = await getJson(url);
    // Bounded: at most 75 polls of 200 ms while the new app starts.
    for (let i = 0; i < 75 && second?.message !== "second"; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      second = await getJson(url);
    }
    expect(second?.message).toBe("second");
    expect(second?.pid).not.toBe(first?.pid);

    cli.child.kill("SIGTERM");
    expect(await cli.exited).toBe(0);
    // The app process went with it.
    expect(() => process.kill(second?.pid as number, 0)).toThrow(/ESRCH/);
  });
});
