/**
 * Clients that leave at the worst moment, many times over: mid-upload, mid-download, before
 * the app answers. Every app call must end (its cleanup runs), the server must keep nothing
 * open for them (file descriptors counted in /proc/self/fd before and after), and it serves on.
 */

import {
  canCountFds,
  eventually,
  openFds,
  RawConnection,
  sleep,
} from "@typhoon-tooling/test-support";
import { describe, expect, it } from "vitest";
import type { ServerApp } from "../../src/types";
import { expectNoErrorsLogged, expectStillServing, startServer } from "./harness";

const ROUNDS = 30;

/** Counts app calls that started and those whose `finally` ran. */
function tracked(body: ServerApp) {
  const counts = { started: 0, finished: 0 };
  const app: ServerApp = async (scope, receive, send) => {
    if (scope.type !== "http") return;
    counts.started++;
    try {
      await body(scope, receive, send);
    } finally {
      counts.finished++;
    }
  };
  return { app, counts };
}

/** Reads the body to the end or to a disconnect, then answers. */
const upload: ServerApp = async (_scope, receive, send) => {
  for (let i = 0; i < 10_000; i++) {
    const message = await receive();
    if (message.type !== "http.request") return;
    if (!message.more_body) break;
  }
  await send({ type: "http.response.start", status: 200 });
  await send({ type: "http.response.body", body: Buffer.from("stored") });
};

/** Streams chunks until the client goes away (bounded). */
const download: ServerApp = async (_scope, receive, send) => {
  let gone = false;
  void receive().then(async () => {
    gone = (await receive()).type === "http.disconnect";
  });
  await send({ type: "http.response.start", status: 200 });
  for (let i = 0; i < 5_000 && !gone; i++) {
    await send({
      type: "http.response.body",
      body: Buffer.alloc(16 * 1024, 0x61),
      more_body: true,
    });
  }
  await send({ type: "http.response.body" });
};

/** Waits for the client to leave before answering. */
const neverAnswers: ServerApp = async (_scope, receive) => {
  for (let i = 0; i < 10; i++) if ((await receive()).type === "http.disconnect") return;
};

describe.runIf(canCountFds)("client disconnects leave nothing behind", () => {
  const cases: Array<[string, ServerApp, string]> = [
    [
      "mid-upload",
      upload,
      `POST /up HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n${"a".repeat(5000)}`,
    ],
    ["mid-download (stream)", download, "GET /down HTTP/1.1\r\nHost: x\r\n\r\n"],
    ["before the app answers", neverAnswers, "GET /wait HTTP/1.1\r\nHost: x\r\n\r\n"],
  ];

  it.each(cases)(
    "%s, %#: every app call ends, fds return to the baseline",
    async (_name, body, request) => {
      const { app, counts } = tracked(body);
      const server = await startServer(app);
      await expectStillServing(server); // warm up: the listener and first-use allocations
      const baseline = openFds();
      for (let round = 0; round < ROUNDS; round++) {
        const connection = await RawConnection.connect(server.port);
        connection.write(request);
        await eventually(() => counts.started > round);
        await sleep(2);
        connection.socket.destroy();
      }
      await eventually(() => counts.finished === ROUNDS);
      await eventually(() => openFds() <= baseline);
      expect(openFds()).toBeLessThanOrEqual(baseline);
      await expectStillServing(server);
      expectNoErrorsLogged(server);
      // Nothing in flight: a graceful close does not wait for stragglers.
      const closing = server.close();
      await closing;
      expect(server.logs.some((line) => /still running/.test(line.message))).toBe(false);
    },
  );
});
