// Runs schemes the way the app will: through a @typhoon/di plan whose input compiler resolves
// `RequestScope` from the connection scope. Only that input exists here; the umbrella's
// compiler handles every other marker.
import {
  CleanupStack,
  type DependencyOverrides,
  Depends,
  type InferParams,
  type InputResolver,
  type Provider,
  plan,
} from "@typhoon/di";
import {
  type ConnectionScope,
  isSecurityHTTPError,
  RequestScope,
  type SecurityHTTPError,
} from "@typhoon/security";
import { expect } from "vitest";

export interface FakeRequest {
  /** Header pairs in order (names are lower-cased as the server does), or an object. */
  headers?: Record<string, string> | Array<[string, string]>;
  /** The raw query string, without `?`. */
  query?: string;
  /** A WebSocket handshake instead of an HTTP request. */
  websocket?: boolean;
}

type Ctx = { scope: ConnectionScope };

/** A complete connection scope, as the Node server would build it. */
export function fakeScope(request: FakeRequest = {}): ConnectionScope {
  const pairs = Array.isArray(request.headers)
    ? request.headers
    : Object.entries(request.headers ?? {});
  const common = {
    asgi: { version: "3.0" as const, spec_version: "2.4" },
    http_version: "1.1",
    path: "/users/me",
    raw_path: "/users/me",
    query_string: request.query ?? "",
    root_path: "",
    headers: pairs.map(([name, value]): [string, string] => [name.toLowerCase(), value]),
    client: ["127.0.0.1", 50000] as [string, number],
    server: ["127.0.0.1", 8000] as [string, number],
    state: {},
    extensions: {},
  };
  return request.websocket
    ? { ...common, type: "websocket", scheme: "ws", subprotocols: [] }
    : { ...common, type: "http", method: "GET", scheme: "http" };
}

/** The test input compiler: `RequestScope` is the only input it knows. */
export function compileInputs(inputs: Record<string, unknown>): InputResolver<Ctx> {
  const names = Object.keys(inputs);
  for (const name of names) {
    if (inputs[name] !== RequestScope) {
      throw new Error(`test compiler: input "${name}" is not RequestScope`);
    }
  }
  return (ctx) => {
    const values: Record<string, unknown> = {};
    for (const name of names) values[name] = ctx.scope;
    return values;
  };
}

/** Plans `params` like a route's and resolves them for one request; rejects with what a provider threw. */
export async function resolve<P extends Record<string, unknown>>(
  params: P,
  request: FakeRequest | ConnectionScope = {},
  options: { overrides?: DependencyOverrides } = {},
): Promise<InferParams<P>> {
  const scope = "type" in request ? request : fakeScope(request);
  const route = plan<Ctx>(params, { compileInputs, name: "GET /users/me", ...options });
  const stack = new CleanupStack();
  const errors: unknown[] = [];
  try {
    const values = await route.run({ scope }, stack, errors);
    expect(errors).toEqual([]);
    return values as InferParams<P>;
  } finally {
    await stack.close();
  }
}

/** What one provider (a scheme, or a dependency built on one) yields for a request. */
export async function authenticate<T>(
  provider: Provider<T>,
  request: FakeRequest = {},
): Promise<T> {
  const { value } = await resolve({ value: Depends(provider) }, request);
  return value;
}

/** The refusal a request gets: status, detail and headers, as the app would send them. */
export async function refusal(
  pending: Promise<unknown>,
): Promise<Pick<SecurityHTTPError, "status" | "detail" | "headers">> {
  const error = await pending.then(
    () => {
      throw new Error("expected the request to be refused, but it was accepted");
    },
    (reason: unknown) => reason,
  );
  if (!isSecurityHTTPError(error)) throw error;
  return { status: error.status, detail: error.detail, headers: error.headers };
}

/** `Authorization: Basic <base64(user:password)>` for `text` (encoded as given, byte for byte). */
export function basicHeader(text: string | Uint8Array): { authorization: string } {
  return { authorization: `Basic ${Buffer.from(text).toString("base64")}` };
}
