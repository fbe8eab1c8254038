import { AUTH_HEADER, NEW_ITEM, TENANT, USERNAME } from "./scenario";

export type RouteId = "hello" | "item" | "create" | "me" | "missing";

/** One request: what the load generator sends and the pre-check sends once. */
export interface BenchRequest {
  method: "GET" | "POST";
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** A request with what its answer must be; `check` returns a complaint or null. */
export interface CheckedRequest extends BenchRequest {
  what: string;
  status: (status: number) => boolean;
  statusText: string;
  check?: (body: unknown) => string | null;
}

export interface RouteCase {
  id: RouteId;
  title: string;
  /** The request measured under load; its answer is checked too. */
  load: CheckedRequest;
  /** Bad inputs each server must refuse (so none wins by skipping validation). */
  refusals: CheckedRequest[];
}

const json = { "content-type": "application/json" };
const is = (expected: number) => (status: number) => status === expected;
const clientError = (status: number) => status >= 400 && status < 500;

function equalJson(expected: unknown) {
  const want = JSON.stringify(expected);
  return (body: unknown) => {
    const got = JSON.stringify(body);
    return got === want ? null : `expected ${want}, got ${got}`;
  };
}

function createdItem(body: unknown): string | null {
  if (typeof body !== "object" || body === null) return `expected an object, got ${String(body)}`;
  const { id, ...rest } = body as Record<string, unknown>;
  if (!Number.isSafeInteger(id) || (id as number) < 1) return `id ${String(id)} is not an id`;
  return equalJson(NEW_ITEM)(rest);
}

const get = (path: string, headers: Record<string, string> = {}): BenchRequest => ({
  method: "GET",
  path,
  headers,
});
const post = (path: string, body: string): BenchRequest => ({
  method: "POST",
  path,
  headers: json,
  body,
});

const refuse = (what: string, request: BenchRequest): CheckedRequest => ({
  ...request,
  what,
  status: clientError,
  statusText: "4xx",
});

/** The five benchmarked routes, in report order. */
export const ROUTES: readonly RouteCase[] = [
  {
    id: "hello",
    title: "GET /hello",
    load: {
      ...get("/hello"),
      what: "hello",
      status: is(200),
      statusText: "200",
      check: equalJson({ message: "Hello World" }),
    },
    refusals: [],
  },
  {
    id: "item",
    title: "GET /items/{item_id}?q=",
    load: {
      ...get("/items/42?q=hello"),
      what: "item 42 with q",
      status: is(200),
      statusText: "200",
      check: equalJson({ item_id: 42, q: "hello" }),
    },
    refusals: [
      refuse("id not a number", get("/items/abc")),
      refuse("id 0", get("/items/0")),
      refuse("id not an integer", get("/items/1.5")),
    ],
  },
  {
    id: "create",
    title: "POST /items (201, response model)",
    load: {
      ...post("/items", JSON.stringify(NEW_ITEM)),
      what: "create an item",
      status: is(201),
      statusText: "201",
      check: createdItem,
    },
    refusals: [
      refuse("price 0", post("/items", JSON.stringify({ ...NEW_ITEM, price: 0 }))),
      refuse("empty name", post("/items", JSON.stringify({ ...NEW_ITEM, name: "" }))),
      refuse(
        "name of 51 characters",
        post("/items", JSON.stringify({ name: "x".repeat(51), price: 1 })),
      ),
      refuse("tags not strings", post("/items", JSON.stringify({ ...NEW_ITEM, tags: [{ a: 1 }] }))),
      refuse("malformed JSON", post("/items", '{"name": "Widget",')),
    ],
  },
  {
    id: "me",
    title: "GET /users/me (3 dependencies)",
    load: {
      ...get("/users/me", { authorization: AUTH_HEADER }),
      what: "me with the token",
      status: is(200),
      statusText: "200",
      check: equalJson({ username: USERNAME, tenant: TENANT, session: "active" }),
    },
    refusals: [
      { ...get("/users/me"), what: "no token", status: is(401), statusText: "401" },
      {
        ...get("/users/me", { authorization: "Bearer wrong" }),
        what: "wrong token",
        status: is(401),
        statusText: "401",
      },
    ],
  },
  {
    id: "missing",
    title: "unknown path → 404",
    load: { ...get("/does/not/exist"), what: "unknown path", status: is(404), statusText: "404" },
    refusals: [],
  },
];
