// The protocol suite against the in-process transport. Nothing is skipped: every case makes
// sense without sockets.
import { startInProcessHost } from "../../src/inprocess/index";
import { consoleLogger } from "../../src/logger";
import type { ContractSocket, HostAdapter, SocketEvent } from "./adapter";
import { httpCases } from "./http.cases";
import { websocketCases } from "./websocket.cases";

const inProcess: HostAdapter = {
  name: "in-process",
  async start(app, options = {}) {
    const host = await startInProcessHost(app, {
      rootPath: options.rootPath,
      logger: consoleLogger("silent"),
    });
    return {
      request: (request) => host.request(request),
      async websocket(path, { subprotocols } = {}) {
        const ws = await host.websocket({
          path,
          subprotocols,
          maxMessageSize: options.maxMessageSize,
        });
        const socket: ContractSocket = {
          subprotocol: ws.accepted.subprotocol,
          send: (data) => (typeof data === "string" ? ws.sendText(data) : ws.sendBytes(data)),
          async receive(): Promise<SocketEvent> {
            const event = await ws.receive();
            if (event.type === "websocket.close")
              return { kind: "close", code: event.code, reason: event.reason };
            return event.text !== undefined
              ? { kind: "text", text: event.text }
              : { kind: "bytes", bytes: event.bytes };
          },
          close: (code, reason) => ws.close(code, reason),
        };
        return socket;
      },
      close: () => host.close(),
    };
  },
};

httpCases(inProcess);
websocketCases(inProcess);
