import http from "node:http";

/** One GET on a fresh connection; resolves with the status, or null if it could not connect. */
export function probe(port: number, path: string, timeoutMs = 1_000): Promise<number | null> {
  return new Promise((resolve) => {
    const req = http.get(
      { host: "127.0.0.1", port, path, agent: false, timeout: timeoutMs },
      (res) => {
        res.resume();
        res.once("end", () => resolve(res.statusCode ?? null));
        res.once("error", () => resolve(null));
      },
    );
    req.once("timeout", () => req.destroy());
    req.once("error", () => resolve(null));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls until `path` answers 200, `deadlineMs` passes, or `givenUp()` says to stop (the process
 * died). Returns true once it answered.
 */
export async function waitUntilServing(
  port: number,
  path: string,
  deadlineMs: number,
  givenUp: () => boolean,
): Promise<boolean> {
  const deadline = performance.now() + deadlineMs;
  while (performance.now() < deadline && !givenUp()) {
    if ((await probe(port, path)) === 200) return true;
    await sleep(2);
  }
  return false;
}
