/**
 * The server under attack: `serve()` on 127.0.0.1:0 with an in-memory logger and a small app
 * that records every request it is called with, closed after each test. `expectStillServing`
 * is the second half of every bad-input case: a fresh, well-formed request still gets its answer.
 */

import {
  destroyRawConnections,
  header,
  jsonBody,
  type RawResponse,
  sendRaw,
} from "@typhoon-tooling/test-support";
import { afterEach, expect } from "vitest";
import type { ServeOptions } from "../../src/node/options";
import { type ServerHandle, serve } from "../../src/node/serve";
import type { HTTPScope, ServerApp } from "../../src/types";
import { type LogLine, memoryLogger } from "../support/logger";

export interface TestServer extends ServerHandle {
  logs: LogLine[];
  /** `METHOD path` of every http request the app was called with, in order. */
  calls: string[];
}

const running = new Set<ServerHandle>();

afterEach(async () => {
  destroyRawConnections();
  const closing = [...running].map((handle) => handle.close());
  running.clear();
  await Promise.all(closing);
});

/**
 * Reads the whole body (bounded loop), then answers `METHOD path len=N` as text. `/ping`
 * answers `pong` without reading anything.
 */
export const echoApp: ServerApp = async (scope, receive, send) => {
  if (scope.type !== "http") return;
  let length = 0;
  if (scope.path !== "/ping") {
    for (let i = 0; i < 100_000; i++) {
      const message = await receive();
      if (message.type !== "http.request") break;
      length += message.body.length;
      if (!message.more_body) break;
    }
  }
  const text = scope.path === "/ping" ? "pong" : `${scope.method} ${scope.path} len=${length}`;
  await send({
    type: "http.response.start",
    status: 200,
    headers: [["content-type", "text/plain"]],
  });
  await send({ type: "http.response.body", body: Buffer.from(text) });
};

/** serve(app) on a free loopback port, logging into memory; closed after the test. `/ping` always answers `pong`. */
export async function startServer(
  app: ServerApp = echoApp,
  options: ServeOptions = {},
): Promise<TestServer> {
  const logs: LogLine[] = [];
  const calls: string[] = [];
  const recording: ServerApp = (scope, receive, send) => {
    if (scope.type !== "http") return app(scope, receive, send);
    calls.push(`${(scope as HTTPScope).method} ${scope.path}`);
    // Every test app answers the liveness probe the same way.
    return scope.path === "/ping" ? echoApp(scope, receive, send) : app(scope, receive, send);
  };
  const handle = await serve(recording, {
    host: "127.0.0.1",
    port: 0,
    gracefulTimeout: 1_000,
    logger: memoryLogger(logs),
    accessLog: false,
    ...options,
  });
  running.add(handle);
  return { ...handle, logs, calls };
}

/** A well-formed request on a new connection still gets `pong`. */
export async function expectStillServing(server: TestServer): Promise<void> {
  const [response] = await sendRaw(
    server.port,
    "GET /ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
  );
  expect(response?.status).toBe(200);
  expect(response?.body.toString()).toBe("pong");
}

/** The server's own error answer: `status`, JSON `{"detail": string}`, connection closed. */
export function expectJsonError(response: RawResponse | undefined, status: number): void {
  expect(response, "no response before the connection closed").toBeDefined();
  if (response === undefined) return;
  expect(response.status).toBe(status);
  expect(header(response, "content-type")).toMatch(/^application\/json/);
  expect(header(response, "connection")).toBe("close");
  const body = jsonBody(response) as { detail?: unknown };
  expect(typeof body.detail).toBe("string");
}

/** No app error and no internal error were logged. */
export function expectNoErrorsLogged(server: TestServer): void {
  expect(server.logs.filter((line) => line.level === "error")).toEqual([]);
}
