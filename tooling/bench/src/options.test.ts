import { describe, expect, it } from "vitest";
import { parseCli } from "./options";

describe("command line", () => {
  it("defaults to the full compare run", () => {
    const options = parseCli([]);
    expect(options.command).toBe("compare");
    expect(options.compare).toMatchObject({ rounds: 5, durationSec: 2, warmupSec: 2 });
    expect(options.compare.servers).toContain("fastapi");
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

  it("has a transport command that takes the round options", () => {
    const options = parseCli(["transport", "--rounds", "3", "--duration", "1"]);
    expect(options.command).toBe("transport");
    expect(options.compare).toMatchObject({ rounds: 3, durationSec: 1, connections: 64 });
  });

  it("ignores the literal -- that pnpm may pass through", () => {
    expect(parseCli(["--", "router"]).command).toBe("router");
    expect(parseCli(["--", "--quick"]).quick).toBe(true);
  });
});
