import http from "node:http";
import { eventually } from "@typhoon-tooling/test-support";
import fetch from "node-fetch";
import { describe, expect, it } from "vitest";
import { startFixture } from "./child";

describe("run() in a process", () => {
  it("a lifespan startup failure prints the error and exits 1", async () => {
    const fixture = startFixture("lifespan-fails.ts");
    const { code } = await fixture.exited;
    expect(code).toBe(1);
    expect(fixture.output()).toContain("cannot reach the database");
    expect(fixture.output()).not.toContain("Listening on");
  });

  it("SIGTERM while requests are in flight: all complete with 200, then exit 0", async () => {
    const fixture = startFixture("slow-app.ts", { DELAY_MS: "400" });
    const url = (await fixture.waitFor(/Listening on (http:\/\/\S+)/))[1]!;
    const agent = new http.Agent({ keepAlive: true });
    const requests = Array.from({ length: 5 }, (_, i) =>
      fetch(`${url}/r${i}`, { agent }).then(async (res) => ({
        status: res.status,
        text: await res.text(),
      })),
    );
    await eventually(() => (fixture.output().match(/started \/r\d/g) ?? []).length === 5, 10_000);
    fixture.child.kill("SIGTERM");
    const results = await Promise.all(requests);
    agent.destroy();
    expect(results).toEqual(
      Array.from({ length: 5 }, (_, i) => ({ status: 200, text: `done /r${i}` })),
    );
    const { code } = await fixture.exited;
    expect(code).toBe(0);
    expect(fixture.output()).toContain("Received SIGTERM");
    expect(fixture.output()).toContain("lifespan shutdown");
  });

  it("workers: 2 — a killed worker is restarted and serves", async () => {
    const fixture = startFixture("workers.ts");
    const url = (await fixture.waitFor(/Listening on (http:\/\/\S+)/))[1]!;
    await fixture.waitFor(/Listening on[\s\S]*Listening on/); // both workers are up
    // A fresh connection per request, so the primary hands them to both workers in turn.
    const agent = new http.Agent({ keepAlive: false });
    const pidOf = () =>
      fetch(url, { agent })
        .then((res) => res.text())
        .catch(() => "");
    const pids = new Set<string>();
    for (let i = 0; i < 50 && pids.size < 2; i++) pids.add(await pidOf());
    expect(pids.size).toBe(2);
    const [victim] = [...pids];
    process.kill(Number(victim), "SIGKILL");
    await fixture.waitFor(/exited unexpectedly \(signal SIGKILL\); restarting/);
    let replacement: string | undefined;
    for (let i = 0; i < 400 && replacement === undefined; i++) {
      const pid = await pidOf();
      if (pid !== "" && !pids.has(pid)) replacement = pid;
      else await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(replacement).toMatch(/^\d+$/);
    expect(replacement).not.toBe(victim);
    fixture.child.kill("SIGTERM");
    const { code } = await fixture.exited;
    expect(code).toBe(0);
  });

  it("workers: a startup failure in the workers stops the primary with exit 1", async () => {
    const fixture = startFixture("lifespan-fails.ts", { WORKERS: "2" });
    const { code } = await fixture.exited;
    expect(code).toBe(1);
    expect(fixture.output()).toContain("failed to start");
  });
});
