/**
 * A steady stream of requests from a few concurrent loops (keep-alive, like a real client
 * pool), each request with a unique path, recording every answer and every failure. Bounded
 * by a stop flag and a request count.
 */
import http from "node:http";

export interface LoadResult {
  /** Path → the answer's status and body, for every request that got a complete response. */
  answered: Map<string, { status: number; body: string; at: number }>;
  /** Requests that got no complete response: path, error code and when it happened. */
  failed: Array<{ path: string; code: string; at: number }>;
}

export interface Load {
  readonly result: LoadResult;
  /** Requests sent so far. */
  readonly sent: number;
  /** Stops the loops after their current request; resolves once they are all done. */
  stop(): Promise<LoadResult>;
}

function get(
  agent: http.Agent,
  url: string,
  path: string,
  timeout: number,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${url}${path}`, { agent, timeout }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        if (!response.complete)
          reject(Object.assign(new Error("truncated"), { code: "TRUNCATED" }));
        else resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() });
      });
      response.on("error", reject);
    });
    request.on("timeout", () =>
      request.destroy(Object.assign(new Error("timeout"), { code: "TIMEOUT" })),
    );
    request.on("error", reject);
  });
}

export interface LoadOptions {
  url: string;
  concurrency: number;
  maxRequests: number;
  /** Reuse connections (default true); false opens one per request. */
  keepAlive?: boolean;
  /** Milliseconds without a response before a request counts as failed ("TIMEOUT"). Default 10 s. */
  requestTimeout?: number;
}

export function steadyLoad(options: LoadOptions): Load {
  const agent = new http.Agent({
    keepAlive: options.keepAlive ?? true,
    maxSockets: options.concurrency,
  });
  const result: LoadResult = { answered: new Map(), failed: [] };
  let sent = 0;
  let stopped = false;
  const loop = async (worker: number) => {
    for (let i = 0; !stopped && sent < options.maxRequests; i++) {
      const path = `/w${worker}/r${i}`;
      sent++;
      try {
        const answer = await get(agent, options.url, path, options.requestTimeout ?? 10_000);
        result.answered.set(path, { ...answer, at: Date.now() });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? String(error);
        result.failed.push({ path, code, at: Date.now() });
        // The server is gone (or going): do not spin on refused connections.
        if (code === "ECONNREFUSED") await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  };
  const loops = Array.from({ length: options.concurrency }, (_, worker) => loop(worker));
  return {
    result,
    get sent() {
      return sent;
    },
    async stop() {
      stopped = true;
      await Promise.all(loops);
      agent.destroy();
      return result;
    },
  };
}
