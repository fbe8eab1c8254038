import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { RunningServer, ServerOptions } from "../scenario";

/** Applies the shared connection options, listens, and wraps close for a plain http.Server. */
export async function listenHttp(server: Server, options: ServerOptions): Promise<RunningServer> {
  applyConnectionOptions(server, options);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return { port: (server.address() as AddressInfo).port, close: () => closeHttp(server) };
}

export function applyConnectionOptions(server: Server, options: ServerOptions): void {
  if (options.keepAliveTimeout !== undefined) {
    server.keepAliveTimeout = options.keepAliveTimeout;
    // headersTimeout must exceed keepAliveTimeout or Node closes idle sockets early.
    server.headersTimeout = options.keepAliveTimeout + 1_000;
  }
  if (options.maxConnections !== undefined) server.maxConnections = options.maxConnections;
}

export function closeHttp(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
