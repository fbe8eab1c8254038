/**
 * Whole-process faults under load, in child processes running `run()`: SIGTERM during a
 * steady stream of requests loses none the server accepted and exits 0; a worker killed with
 * SIGKILL is replaced while the load goes on.
 */
import http from "node:http";
import { eventually, sleep } from "@typhoon-tooling/test-support";
import { describe, expect, it } from "vitest";
import { startFixture } from "./child-process";
import { steadyLoad } from "./load";

/** Connection-level refusals: the server never read these requests. */
const NOT_ACCEPTED = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE"]);

function startedPaths(output: string): Set<string> {
  return new Set([...output.matchAll(/^started (\S+)$/gm)].map((match) => match[1]!));
}

describe("graceful shutdown under load", () => {
  it("SIGTERM during a steady stream: every accepted request is answered 200, then exit 0", async () => {
    const fixture = startFixture("steady-app.ts", { DELAY_MS: "30" });
    const url = (await fixture.waitFor(/Listening on (http:\/\/\S+)/))[1]!;
    const load = steadyLoad({ url, concurrency: 8, maxRequests: 5_000 });
    await eventually(() => load.result.answered.size >= 40, 10_000);
    const sigtermAt = Date.now();
    fixture.child.kill("SIGTERM");
    const { code } = await fixture.exited;
    const result = await load.stop();

    expect(code).toBe(0);
    expect(fixture.output()).toContain("Received SIGTERM");
    expect(fixture.output()).toMatch(/lifespan shutdown/);
    const started = startedPaths(fixture.output());
    // None lost: each request the app started got its complete 200 answer.
    const lost = [...started].filter((path) => result.answered.get(path)?.status !== 200);
    expect(lost).toEqual([]);
    for (const path of started)
      expect(result.answered.get(path)?.body).toMatch(new RegExp(` ${path}$`));
    // Requests in flight at the signal were finished, not dropped.
    const answeredAfter = [...result.answered.values()].filter((answer) => answer.at >= sigtermAt);
    expect(answeredAfter.length).toBeGreaterThan(0);
    // Everything else was refused at the connection level and never reached the app.
    for (const failure of result.failed) {
      expect(NOT_ACCEPTED.has(failure.code), `${failure.path}: ${failure.code}`).toBe(true);
      expect(started.has(failure.path)).toBe(false);
    }
    expect(result.answered.size + result.failed.length).toBe(load.sent);
    expect([...result.answered.values()].every((answer) => answer.status === 200)).toBe(true);
  });
});

describe("workers", () => {
  it("a worker killed under load is restarted, and the load keeps being served", async () => {
    const fixture = startFixture("steady-app.ts", { WORKERS: "2", DELAY_MS: "5" });
    const url = (await fixture.waitFor(/Listening on (http:\/\/\S+)/))[1]!;
    await fixture.waitFor(/Listening on[\s\S]*Listening on/);
    const concurrency = 6;
    // One connection per request, so the primary spreads them over every live worker.
    const load = steadyLoad({
      url,
      concurrency,
      maxRequests: 20_000,
      keepAlive: false,
      requestTimeout: 3_000,
    });
    const pids = () =>
      new Set([...load.result.answered.values()].map((a) => a.body.split(" ")[0]!));
    await eventually(() => pids().size === 2, 10_000);
    const before = pids();
    const victim = [...before][0]!;
    process.kill(Number(victim), "SIGKILL");
    await fixture.waitFor(/exited unexpectedly \(signal SIGKILL\); restarting/);
    // The replacement serves too, alongside the survivor.
    await eventually(() => [...pids()].some((pid) => !before.has(pid)), 15_000);
    const replacedAt = Date.now();
    const answeredSince = () =>
      [...load.result.answered.values()].filter((answer) => answer.at > replacedAt);
    await eventually(() => answeredSince().length >= 50, 10_000);
    const result = await load.stop();

    const survivor = [...before].find((pid) => pid !== victim)!;
    const since = answeredSince().map((answer) => answer.body.split(" ")[0]!);
    expect(since).toContain(survivor);
    expect(since).not.toContain(victim);
    expect([...result.answered.values()].every((answer) => answer.status === 200)).toBe(true);
    // Only requests the dead worker held could fail, and only at the connection level — or,
    // now and then, by hanging: the round-robin handoff bug pinned by "workers that hang" below.
    expect(result.failed.length).toBeLessThanOrEqual(concurrency);
    for (const failure of result.failed) {
      expect(NOT_ACCEPTED.has(failure.code) || failure.code === "TIMEOUT").toBe(true);
    }

    fixture.child.kill("SIGTERM");
    expect((await fixture.exited).code).toBe(0);
  });
});

/** GET on a fresh connection; settles with the body, or the error code ("TIMEOUT" when it hangs). */
function fetchOnce(url: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve) => {
    const request = http.get(url, { agent: false, timeout: timeoutMs }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve(Buffer.concat(chunks).toString()));
      response.on("error", () => resolve("RESPONSE_ERROR"));
    });
    request.on("timeout", () => {
      request.destroy();
      resolve("TIMEOUT");
    });
    request.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "ERROR"));
  });
}

describe("workers that hang", () => {
  // Fixed: run() uses SCHED_NONE (workers accept themselves), so a dead worker's connections
  // are reset and the others keep being served; Node's default round-robin left one hanging.
  it("a connection handed to a hung worker that is then killed does not hang", async () => {
    const fixture = startFixture("steady-app.ts", { WORKERS: "2", DELAY_MS: "5" });
    const url = (await fixture.waitFor(/Listening on (http:\/\/\S+)/))[1]!;
    await fixture.waitFor(/Listening on[\s\S]*Listening on/);
    const pids = new Set<string>();
    for (let i = 0; i < 50 && pids.size < 2; i++)
      pids.add((await fetchOnce(`${url}/`, 3_000)).split(" ")[0]!);
    expect(pids.size).toBe(2);
    const victim = [...pids][0]!;
    let frozen = false;
    for (let i = 0; i < 50 && !frozen; i++)
      frozen = (await fetchOnce(`${url}/freeze/${victim}`, 3_000)) === "frozen";
    expect(frozen).toBe(true);
    await sleep(200); // its event loop is blocked now
    // Fresh connections: the primary hands one of them to the hung worker.
    const outcomes = Array.from({ length: 4 }, (_, i) => fetchOnce(`${url}/after/${i}`, 3_000));
    await sleep(300);
    process.kill(Number(victim), "SIGKILL");
    const settled = await Promise.all(outcomes);
    // Answered by the survivor, or refused at the connection level (a client may retry those):
    // never left waiting.
    expect(settled.filter((outcome) => outcome === "TIMEOUT")).toEqual([]);
    fixture.child.kill("SIGTERM");
    await fixture.exited;
  });
});
