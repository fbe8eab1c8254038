import http from "node:http";
import type { AddressInfo } from "node:net";

export interface Upstream {
  url: string;
  /** Requests received so far. */
  readonly hits: number;
  close(): Promise<void>;
}

/** A local HTTP service on 127.0.0.1 (port 0) answering every request with `handler`. */
export async function startUpstream(
  handler: (req: http.IncomingMessage, res: http.ServerResponse) => void,
): Promise<Upstream> {
  let hits = 0;
  const server = http.createServer((req, res) => {
    hits++;
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/status`,
    get hits() {
      return hits;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections(); // a slow handler's socket must not keep it open
        server.close(() => resolve());
      }),
  };
}

export const json =
  (body: unknown, status = 200) =>
  (_req: http.IncomingMessage, res: http.ServerResponse) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };

/** Answers only after `ms` (the response is dropped if the test closes the server first). */
export const slow =
  (ms: number, body: unknown) => (req: http.IncomingMessage, res: http.ServerResponse) => {
    const timer = setTimeout(() => json(body)(req, res), ms);
    res.on("close", () => clearTimeout(timer));
  };
