import { describe, expect, it } from "vitest";
import { type CpuProfile, layerOf, summariseProfile } from "./cpuprofile";

const frame = (id: number, functionName: string, url: string) => ({
  id,
  callFrame: { functionName, url, lineNumber: 9 },
});

describe("cpuprofile summary", () => {
  it("sums self time per function and per layer", () => {
    const profile: CpuProfile = {
      nodes: [
        frame(1, "(root)", ""),
        frame(2, "match", "file:///work/main/packages/router/dist/index.js"),
        frame(
          3,
          "parse",
          "file:///x/node_modules/.pnpm/valibot@1.5.0/node_modules/valibot/dist/index.js",
        ),
        frame(4, "(garbage collector)", ""),
      ],
      samples: [2, 2, 3, 4],
      timeDeltas: [100, 100, 100, 100],
    };
    const summary = summariseProfile(profile);
    expect(summary.totalMs).toBe(0.4);
    expect(summary.functions[0]).toEqual({ name: "match router/dist/index.js:10", percent: 50 });
    expect(summary.layers).toEqual([
      { name: "@typhoon/router", percent: 50 },
      { name: "valibot", percent: 25 },
      { name: "(garbage collector)", percent: 25 },
    ]);
  });

  it("names layers from script URLs", () => {
    expect(layerOf("file:///r/packages/typhoon/dist/index.js", "f")).toBe("typhoon (umbrella)");
    expect(layerOf("node:internal/http", "f")).toBe("node internals");
    expect(layerOf("file:///r/node_modules/@hono/node-server/dist/x.mjs", "f")).toBe(
      "@hono/node-server",
    );
    expect(layerOf("", "(idle)")).toBe("(idle)");
  });
});
