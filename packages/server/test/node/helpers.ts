/**
 * Shared pieces of the socket tests: a server on 127.0.0.1:0 with an in-memory logger that is
 * closed after each test (raw connections first), and small app builders. Raw connections,
 * response parsing and waiting come from @typhoon-tooling/test-support.
 */

import { destroyRawConnections } from "@typhoon-tooling/test-support";
import { afterEach } from "vitest";
import type { ServeOptions } from "../../src/node/options";
import { type ServerHandle, serve } from "../../src/node/serve";
import type { HTTPScope, Receive, ServerApp } from "../../src/types";
import { type LogLine, memoryLogger } from "../support/logger";

export interface TestServer extends ServerHandle {
  logs: LogLine[];
}

const open = new Set<ServerHandle>();

afterEach(async () => {
  destroyRawConnections();
  const closing = [...open].map((handle) => handle.close());
  open.clear();
  await Promise.all(closing);
});

/** serve() on a free port with short grace and quiet access logs; closed after the test. */
export async function startServer(app: ServerApp, options: ServeOptions = {}): Promise<TestServer> {
  const logs: LogLine[] = [];
  const handle = await serve(app, {
    host: "127.0.0.1",
    port: 0,
    gracefulTimeout: 1_000,
    logger: memoryLogger(logs),
    ...options,
  });
  open.add(handle);
  return { ...handle, logs };
}

/** Reads the body to the end; returns its messages' bodies as strings. */
export async function readBody(receive: Receive): Promise<string[]> {
  const chunks: string[] = [];
  for (let i = 0; i < 100_000; i++) {
    const message = await receive();
    if (message.type !== "http.request") break;
    chunks.push(Buffer.from(message.body).toString());
    if (!message.more_body) break;
  }
  return chunks;
}

/** An app answering every http request with `reply(scope)`. */
export function textApp(reply: (scope: HTTPScope) => string, status = 200): ServerApp {
  return async (scope, _receive, send) => {
    if (scope.type !== "http") return;
    await send({
      type: "http.response.start",
      status,
      headers: [["content-type", "text/plain; charset=utf-8"]],
    });
    await send({ type: "http.response.body", body: Buffer.from(reply(scope)) });
  };
}
