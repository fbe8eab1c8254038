import { readFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";

const read = (name: string) => readFileSync(new URL(name, import.meta.url), "utf8");

describe("README example", () => {
  it("is the file this test runs", () => {
    const snippet = read("../README.md").split("```ts\n")[1]!.split("```")[0]!;
    const example = read("./readme-example.ts").split("\n").slice(1).join("\n");
    expect(example).toBe(snippet.replace('"@typhoon/di"', '"../src/index"'));
  });

  it("prints what its comments say", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      await import("./readme-example");
      expect(log.mock.calls).toEqual([
        [[], { user: { name: "alice", via: "db" }, db: { name: "db" } }],
        ["db released"],
      ]);
    } finally {
      log.mockRestore();
    }
  });
});
