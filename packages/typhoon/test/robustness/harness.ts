/**
 * The robustness app served for real: `serve()` on 127.0.0.1:0 with an in-memory server log,
 * closed (and its fixture folder removed) after each test; a small HTTP client over
 * `node:http` (one connection per call, any bytes as body) and the raw socket helpers of
 * @typhoon-tooling/test-support for what a client library would not send.
 */

import { readdirSync, rmSync } from "node:fs";
import http from "node:http";
import type { ServeOptions, ServerHandle } from "@typhoon/server";
import { destroyRawConnections } from "@typhoon-tooling/test-support";
import { afterEach, expect } from "vitest";
import { serve } from "../../src/index";
import { createRobustApp, type LogLine, type RobustApp } from "./app";

export {
  eventually,
  RawConnection,
  type RawResponse,
  sendRaw,
  sleep,
} from "@typhoon-tooling/test-support";

export interface Served extends RobustApp {
  /** The fixture folder (static files, uploads), removed when the app stops. */
  root: string;
  server: ServerHandle;
  port: number;
  /** What the server itself logged (app failures it caught, access lines are off). */
  serverLogs: LogLine[];
}

const running = new Set<{ server: ServerHandle; root: string }>();

afterEach(async () => {
  destroyRawConnections();
  const closing = [...running].map(async ({ server, root }) => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  });
  running.clear();
  await Promise.all(closing);
});

/** The robustness app on a free loopback port; closed after the test. */
export async function startApp(options: ServeOptions = {}): Promise<Served> {
  const served = await serveApp(options);
  running.add({ server: served.server, root: served.root });
  return served;
}

/** The same, for a whole file (beforeAll): the caller closes it with `stopApp` (afterAll). */
export function startSharedApp(options: ServeOptions = {}): Promise<Served> {
  return serveApp(options);
}

export async function stopApp(served: Served): Promise<void> {
  await served.server.close();
  rmSync(served.root, { recursive: true, force: true });
}

async function serveApp(options: ServeOptions): Promise<Served> {
  const robust = createRobustApp();
  const serverLogs: LogLine[] = [];
  const server = await serve(robust.app, {
    host: "127.0.0.1",
    port: 0,
    accessLog: false,
    gracefulTimeout: 1_000,
    logger: {
      info: () => {},
      warn: (message) => serverLogs.push({ level: "warn", message }),
      error: (message, error) => serverLogs.push({ level: "error", message, error }),
    },
    ...options,
  });
  return { ...robust, server, port: server.port, serverLogs };
}

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json(): any;
}

export interface CallOptions {
  headers?: Record<string, string | string[]>;
  body?: string | Buffer;
  timeoutMs?: number;
}

/** One request on its own connection; resolves with the complete answer. */
export function call(
  served: { port: number },
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: "127.0.0.1",
        port: served.port,
        method,
        path,
        agent: false,
        headers: options.headers,
        timeout: options.timeoutMs ?? 5_000,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            text,
            json: () => JSON.parse(text),
          });
        });
        response.on("error", reject);
      },
    );
    request.on("timeout", () => request.destroy(new Error(`${method} ${path} timed out`)));
    request.on("error", reject);
    request.end(options.body);
  });
}

/** POST a JSON text (or any bytes) with a content type. */
export function postJson(
  served: { port: number },
  path: string,
  body: string | Buffer,
  contentType = "application/json",
): Promise<Answer> {
  return call(served, "POST", path, { body, headers: { "content-type": contentType } });
}

/** `{"detail": ...}` with a 4xx status and a JSON content type. */
export function expectJsonClientError(answer: Answer, status: number): void {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.headers["content-type"]).toMatch(/^application\/(problem\+)?json/);
  expect(answer.json()).toHaveProperty("detail");
}

/** FastAPI's 422 body; returns the `loc` of every error. */
export function validationLocs(answer: Answer): unknown[][] {
  expect(answer.status, answer.text).toBe(422);
  const detail = answer.json().detail as Array<{ loc: unknown[]; type: string }>;
  expect(Array.isArray(detail)).toBe(true);
  return detail.map((error) => error.loc);
}

/** The app still answers a plain request. */
export async function expectStillServing(served: { port: number }): Promise<void> {
  const answer = await call(served, "GET", "/ping");
  expect(answer.status).toBe(200);
  expect(answer.json()).toEqual({ ok: true });
}

/** No error logged by the app or the server (a 4xx is not an error). */
export function expectNoErrors(served: Served): void {
  expect(served.logs.filter((line) => line.level === "error")).toEqual([]);
  expect(served.serverLogs.filter((line) => line.level === "error")).toEqual([]);
}

/** Entries (temp folders) left in the app's upload directory. */
export function tempEntries(served: Served): string[] {
  return readdirSync(served.tempDir);
}
