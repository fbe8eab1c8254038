/**
 * What a host must offer to run the protocol suite (STYLE.md #10: one suite, many hosts).
 * An adapter starts an app the way its host does (lifespan first), sends requests, opens
 * WebSockets, and translates the answers into these plain shapes.
 */
import type { Headers, ServerApp } from "../../src/types";

export interface ContractRequest {
  method?: string;
  /** Path with optional `?query`, sent as is. */
  path: string;
  headers?: Headers;
  /** A fixed body, or chunks sent one by one (a chunked upload). */
  body?: string | Uint8Array | AsyncIterable<Uint8Array>;
}

export interface ContractResponse {
  status: number;
  /** Lower-case names; each name's values in the order the app sent them. */
  headers: Headers;
  body: Uint8Array;
}

export type SocketEvent =
  | { kind: "text"; text: string }
  | { kind: "bytes"; bytes: Uint8Array }
  | { kind: "close"; code: number; reason: string };

export interface ContractSocket {
  /** The subprotocol the server picked, or null. */
  readonly subprotocol: string | null;
  send(data: string | Uint8Array): Promise<void>;
  /** The next frame, or the close (repeated once closed). */
  receive(): Promise<SocketEvent>;
  /** Close from the client side; resolves once the closing handshake is done. */
  close(code?: number, reason?: string): Promise<void>;
}

export interface StartOptions {
  rootPath?: string;
  maxMessageSize?: number;
}

export interface RunningHost {
  request(request: ContractRequest): Promise<ContractResponse>;
  /** Rejects with an error carrying `status` (403) when the app refuses the handshake. */
  websocket(path: string, options?: { subprotocols?: string[] }): Promise<ContractSocket>;
  close(): Promise<void>;
}

export interface HostAdapter {
  name: string;
  /** Runs lifespan startup, then serves `app`; errors from the app are not printed. */
  start(app: ServerApp, options?: StartOptions): Promise<RunningHost>;
}

/** A promise plus its resolver, for handing values out of an app. */
export function deferred<T>(): { promise: Promise<T>; resolve(value: T): void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

export const text = (body: Uint8Array): string => Buffer.from(body).toString("utf8");

export const values = (headers: Headers, name: string): string[] =>
  headers.filter(([n]) => n === name).map(([, v]) => v);
