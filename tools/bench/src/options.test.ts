import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCli } from "./options";

describe("command line", () => {
  it("defaults to the full compare run", () => {
    const options = parseCli([]);
    expect(options.command).toBe("compare");
    expect(options.compare).toMatchObject({ rounds: 5, durationSec: 2, warmupSec: 2, primeSec: 1 });
    expect(options.compare.servers).toContain("fastapi");
  });

  it("primes each measured run unless told not to (or quick)", () => {
    expect(parseCli(["--quick"]).compare.primeSec).toBe(0);
    expect(parseCli(["--prime", "0"]).compare.primeSec).toBe(0);
    expect(parseCli(["--prime", "3"]).compare.primeSec).toBe(3);
    expect(() => parseCli(["--prime", "-1"])).toThrow(/--prime/);
  });

  it("adds another checkout's built Typhoon as the baseline server", () => {
    const dir = mkdtempSync(join(tmpdir(), "bench-baseline-"));
    try {
      expect(() => parseCli(["--baseline", dir])).toThrow(/no dist\/entries\/server.js/);
      mkdirSync(join(dir, "dist", "entries"), { recursive: true });
      writeFileSync(join(dir, "dist", "entries", "server.js"), "");
      const options = parseCli(["--servers", "fastify,typhoon", "--baseline", dir]);
      expect(options.compare.servers).toEqual(["fastify", "typhoon", "baseline"]);
      expect(options.compare.baselineDir).toBe(dir);
      expect(parseCli([]).compare.servers).not.toContain("baseline");
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it("has a quick mode and explicit overrides", () => {
    expect(parseCli(["--quick"]).compare).toMatchObject({ rounds: 1, durationSec: 1 });
    const options = parseCli([
      "compare",
      "--rounds",
      "7",
      "--servers",
      "raw,typhoon",
      "--warmup",
      "0",
    ]);
    expect(options.compare).toMatchObject({ rounds: 7, warmupSec: 0, servers: ["raw", "typhoon"] });
  });

  it("refuses unknown commands, servers and bad numbers with a clear message", () => {
    expect(() => parseCli(["fast"])).toThrow(/unknown command "fast"/);
    expect(() => parseCli(["--servers", "koa"])).toThrow(/unknown koa/);
    expect(() => parseCli(["--rounds", "0"])).toThrow(/--rounds must be an integer/);
    expect(() => parseCli(["--duration", "1.5"])).toThrow(/--duration/);
  });

  it("has an instructions command with its own defaults: raw, Fastify, Typhoon, 3 × 3 s", () => {
    const options = parseCli(["instructions"]);
    expect(options.command).toBe("instructions");
    expect(options.instructions).toEqual({
      rounds: 3,
      durationSec: 3,
      warmupSec: 1,
      connections: 64,
      servers: ["raw", "fastify", "typhoon"],
      routes: ["hello", "item", "create", "me", "missing"],
    });
    // compare's defaults are untouched by it
    expect(parseCli([]).compare).toMatchObject({ rounds: 5, durationSec: 2, warmupSec: 2 });
  });

  it("takes the same options for instructions, Node servers only", () => {
    const options = parseCli([
      "instructions",
      "--rounds",
      "5",
      "--duration",
      "2",
      "--warmup",
      "0",
      "--servers",
      "typhoon,fastapi,hono",
      "--routes",
      "me,hello",
    ]);
    expect(options.instructions).toMatchObject({
      rounds: 5,
      durationSec: 2,
      warmupSec: 0,
      servers: ["typhoon", "hono"],
      routes: ["me", "hello"],
    });
    expect(() => parseCli(["instructions", "--servers", "fastapi"])).toThrow(
      /at least one Node server/,
    );
    expect(() => parseCli(["instructions", "--routes", "nope"])).toThrow(/unknown nope/);
  });

  it("ignores the literal -- that pnpm may pass through", () => {
    expect(parseCli(["--", "instructions"]).command).toBe("instructions");
    expect(parseCli(["--", "--quick"]).quick).toBe(true);
  });
});
