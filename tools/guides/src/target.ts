import type { AppLike } from "typhoon";
import { type InProcessWebSocket, TestClient } from "typhoon/testing";

/** A response as the guides compare it. */
export interface ActualResponse {
  readonly status: number;
  /** Lower-cased names, in the order sent. */
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Uint8Array;
}

export interface OutgoingRequest {
  readonly method: string;
  readonly target: string;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: string | undefined;
}

/** What the requests of a guide go to: the app of the last module, or a started entry point. */
export interface Target {
  readonly name: string;
  request(request: OutgoingRequest): Promise<ActualResponse>;
  websocket(path: string): Promise<InProcessWebSocket>;
  /** Stops it: lifespan shutdown, or SIGTERM and a clean exit. Rejects if that went wrong. */
  close(): Promise<void>;
}

/**
 * The app in process, through the TestClient (lifespan started, cookies kept for both). A
 * guide shows the exchange on the wire: redirects are not followed, a server error is its 500.
 */
export async function inProcessTarget(name: string, app: AppLike): Promise<Target> {
  const client = await TestClient.start(app, {
    followRedirects: false,
    raiseServerExceptions: false,
  });
  return {
    name,
    async request({ method, target, headers, body }) {
      const grouped: Record<string, string[]> = {};
      for (const [header, value] of headers) {
        const name = header.toLowerCase();
        grouped[name] = [...(grouped[name] ?? []), value];
      }
      const response = await client.request(method, target, {
        headers: grouped,
        ...(body === undefined ? {} : { content: body }),
      });
      return { status: response.status, headers: [...response.headers], body: response.body };
    },
    websocket: (path) => client.websocketConnect(path),
    close: () => client.close(),
  };
}
