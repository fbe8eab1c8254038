// The ceiling: hand-written node:http with the same validation and status codes as the
// frameworks (422 on bad input, 401 without the token, 404/405), and nothing else.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import {
  type ItemIn,
  ItemStore,
  loadSettings,
  meBody,
  SessionPool,
  type StartServer,
  USERNAME,
} from "../scenario";
import { listenHttp } from "./listen";

const BODY_LIMIT = 1024 * 1024;
const DIGITS = /^[0-9]{1,15}$/;

export const start: StartServer = (options) => {
  const items = new ItemStore();
  const sessions = new SessionPool();

  function route(req: IncomingMessage, res: ServerResponse): void {
    const url = req.url ?? "/";
    const mark = url.indexOf("?");
    const path = mark === -1 ? url : url.slice(0, mark);
    const method = req.method;
    if (path === "/hello") {
      if (method === "GET") sendJson(res, 200, { message: "Hello World" });
      else methodNotAllowed(res, "GET");
    } else if (path === "/items") {
      if (method === "POST") readJson(req, res, (body) => createItem(res, body));
      else methodNotAllowed(res, "POST");
    } else if (path.startsWith("/items/") && path.indexOf("/", 7) === -1) {
      if (method === "GET") readItem(res, path.slice(7), mark === -1 ? "" : url.slice(mark + 1));
      else methodNotAllowed(res, "GET");
    } else if (path === "/users/me") {
      if (method === "GET") me(req, res);
      else methodNotAllowed(res, "GET");
    } else {
      sendJson(res, 404, { detail: "Not Found" });
    }
  }

  function readItem(res: ServerResponse, rawId: string, query: string): void {
    const id = DIGITS.test(rawId) ? Number(rawId) : Number.NaN;
    if (!(id >= 1)) {
      invalid(res, ["path", "item_id"], "Input should be an integer >= 1", rawId);
      return;
    }
    const q = query === "" ? null : new URLSearchParams(query).get("q");
    sendJson(res, 200, { item_id: id, q });
  }

  function createItem(res: ServerResponse, body: unknown): void {
    const problem = checkItem(body);
    if (problem !== null) {
      invalid(res, ["body", problem.field], problem.msg, problem.input);
      return;
    }
    const { id, name, price, tags } = items.create(body as ItemIn);
    sendJson(res, 201, { id, name, price, tags });
  }

  function me(req: IncomingMessage, res: ServerResponse): void {
    const settings = loadSettings();
    if (req.headers.authorization !== `Bearer ${settings.token}`) {
      res.setHeader("www-authenticate", "Bearer");
      sendJson(res, 401, { detail: "Not authenticated" });
      return;
    }
    const session = sessions.acquire(settings);
    // Cleanup after the response has gone out (or the client went away), like a generator's finally.
    res.once("close", () => sessions.release(session));
    sendJson(res, 200, meBody(USERNAME, session));
  }

  return listenHttp(createServer(route), options);
};

interface Problem {
  field: string;
  msg: string;
  input: unknown;
}

function checkItem(body: unknown): Problem | null {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { field: "item", msg: "Input should be an object", input: body };
  }
  const { name, price, tags } = body as Record<string, unknown>;
  if (typeof name !== "string" || name.length < 1 || name.length > 50) {
    return { field: "name", msg: "String should have 1 to 50 characters", input: name };
  }
  if (typeof price !== "number" || !Number.isFinite(price) || price <= 0) {
    return { field: "price", msg: "Input should be a number greater than 0", input: price };
  }
  if (tags !== undefined && !(Array.isArray(tags) && tags.every((t) => typeof t === "string"))) {
    return { field: "tags", msg: "Input should be a list of strings", input: tags };
  }
  return null;
}

function readJson(req: IncomingMessage, res: ServerResponse, then: (body: unknown) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  req.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (size > BODY_LIMIT) {
      sendJson(res, 413, { detail: "Request body too large" });
      req.destroy();
      return;
    }
    chunks.push(chunk);
  });
  req.on("end", () => {
    if (res.headersSent) return;
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks, size).toString("utf8"));
    } catch {
      invalid(res, ["body"], "JSON decode error", null);
      return;
    }
    then(body);
  });
}

function invalid(res: ServerResponse, loc: string[], msg: string, input: unknown): void {
  sendJson(res, 422, { detail: [{ type: "value_error", loc, msg, input: input ?? null }] });
}

function methodNotAllowed(res: ServerResponse, allow: string): void {
  res.setHeader("allow", allow);
  sendJson(res, 405, { detail: "Method Not Allowed" });
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
  });
  res.end(body);
}
