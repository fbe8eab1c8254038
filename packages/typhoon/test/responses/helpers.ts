/**
 * Shared by the response and static file suites: a ServerApp that sends a Response with
 * everything the route will pass once wired (method, receive, scope), raw HTTP over a
 * socket (fetch would normalise `..` and `%2e%2e` away), and open file descriptors.
 */
import { readdirSync, readlinkSync } from "node:fs";
import http from "node:http";
import type { HTTPScope, ServerApp } from "@typhoon/server";
import type { Response } from "../../src/index";

export function respond(make: (scope: HTTPScope) => Response | Promise<Response>): ServerApp {
  return async (scope, receive, send) => {
    if (scope.type !== "http") throw new Error("http only");
    const response = await make(scope);
    await response.respond(scope, receive, send);
  };
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A request with the target sent exactly as given. */
export function rawRequest(
  url: string,
  path: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { path, method: options.method ?? "GET", headers: options.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end();
  });
}

/**
 * Reads the response until `enough(received)` says so, then destroys the socket: a client
 * that leaves mid-stream. Resolves with what was received.
 */
export function readThenLeave(
  url: string,
  path: string,
  enough: (received: string) => boolean,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { path, agent: false }, (res) => {
      let received = "";
      res.setEncoding("latin1");
      res.on("data", (chunk: string) => {
        received += chunk;
        if (enough(received)) {
          req.destroy();
          resolve(received);
        }
      });
      res.on("error", () => {});
      res.on("end", () => reject(new Error(`the stream ended first: ${received.slice(0, 200)}`)));
    });
    req.on("error", (error) => {
      if (!req.destroyed) reject(error);
    });
    req.end();
  });
}

/** How many of this process's descriptors point at `path` (Linux /proc). */
export function openDescriptors(path: string): number {
  let count = 0;
  for (const fd of readdirSync("/proc/self/fd")) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`) === path) count++;
    } catch {
      // closed while listing
    }
  }
  return count;
}

export const SERVE = { host: "127.0.0.1", port: 0, logLevel: "silent" } as const;

/** Promise.withResolvers, which Node 20 lacks. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
