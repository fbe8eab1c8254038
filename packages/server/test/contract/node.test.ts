// The protocol suite against the Node host: serve() on 127.0.0.1 port 0, node-fetch for HTTP
// and the `ws` client for WebSockets. Nothing is skipped.
import { Readable } from "node:stream";
import fetch from "node-fetch";
import WebSocket from "ws";
import { serve } from "../../src/node/serve";
import type { Headers } from "../../src/types";
import { MessageQueue } from "../../src/websocket/message-queue";
import type { ContractSocket, HostAdapter, SocketEvent } from "./adapter";
import { httpCases } from "./http.cases";
import { websocketCases } from "./websocket.cases";

function openSocket(url: string, subprotocols: string[]): Promise<ContractSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, subprotocols);
    // Collect from the start: a frame can arrive in the same tick as "open".
    const events = new MessageQueue<SocketEvent>({ highWater: Number.MAX_SAFE_INTEGER });
    ws.on("message", (data, isBinary) => {
      const buffer = data as Buffer;
      events.push(
        isBinary ? { kind: "bytes", bytes: buffer } : { kind: "text", text: buffer.toString() },
      );
    });
    const closed = new Promise<void>((done) => {
      ws.on("close", (code, reason) => {
        events.end({ kind: "close", code, reason: reason.toString() });
        done();
      });
    });
    ws.once("unexpected-response", (_req, res) => {
      res.resume();
      ws.terminate();
      reject(
        Object.assign(new Error(`upgrade refused with ${res.statusCode}`), {
          status: res.statusCode,
        }),
      );
    });
    ws.once("error", reject);
    ws.once("open", () =>
      resolve({
        subprotocol: ws.protocol === "" ? null : ws.protocol,
        send: (data) =>
          new Promise((done, fail) => ws.send(data, (error) => (error ? fail(error) : done()))),
        receive: () => events.shift(),
        async close(code, reason) {
          ws.close(code, reason);
          await closed;
        },
      }),
    );
  });
}

const nodeHost: HostAdapter = {
  name: "node serve()",
  async start(app, options = {}) {
    const handle = await serve(app, {
      host: "127.0.0.1",
      port: 0,
      logLevel: "silent",
      rootPath: options.rootPath,
      gracefulTimeout: 2000,
      limits: { maxWebSocketMessageSize: options.maxMessageSize },
    });
    return {
      async request({ method = "GET", path, headers = [], body }) {
        const response = await fetch(`${handle.url}${path}`, {
          method,
          headers,
          body:
            body === undefined || typeof body === "string"
              ? body
              : body instanceof Uint8Array
                ? Buffer.from(body)
                : Readable.from(body),
          redirect: "manual",
        });
        const pairs: Headers = [];
        for (const [name, list] of Object.entries(response.headers.raw())) {
          for (const value of list) pairs.push([name, value]);
        }
        return {
          status: response.status,
          headers: pairs,
          body: new Uint8Array(await response.arrayBuffer()),
        };
      },
      websocket: (path, { subprotocols = [] } = {}) =>
        openSocket(`${handle.url.replace(/^http/, "ws")}${path}`, subprotocols),
      close: () => handle.close(),
    };
  },
};

httpCases(nodeHost);
websocketCases(nodeHost);
