/**
 * The Typhoon app the bad-input and fault suites attack: JSON bodies, query coercion, forms
 * and uploads (small limits, a private temp dir), static files next to a secret, headers,
 * cookies and redirects built from user input, WebSockets, JWT and Basic auth, and routes
 * that fail in every way a handler, a dependency, a cleanup, a middleware or a background
 * task can. It is built per test file with its own log and event list.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createJwt, HTTPBasic, isJwtError, verifyBasic } from "@typhoon/security";
import type { Logger } from "@typhoon/server";
import * as v from "valibot";
import {
  BackgroundTasks,
  Body,
  Depends,
  dependency,
  File,
  Form,
  HTTPException,
  Query,
  Request,
  Response,
  Typhoon,
  type UploadFile,
  WebSocket,
} from "../../src/index";
import {
  JSONResponse,
  RedirectResponse,
  StaticFiles,
  StreamingResponse,
} from "../../src/responses/index";
import { OAuth2PasswordBearer } from "../../src/security/index";
import { requestIdMiddleware, timeoutMiddleware } from "./middleware";

export const JWT_SECRET = "robustness-suite-secret-0123456789abcdef";
export const JWT_AUDIENCE = "robust-api";
export const JWT_ISSUER = "https://robust.example";
export const BASIC_USER = { username: "admin", password: "s3cr3t-p4ssword" };
/** Inside the static directory's parent, never servable. */
export const SECRET_TEXT = "TOP-SECRET-DO-NOT-SERVE";
export const HANDLER_TIMEOUT_MS = 300;

export const FORM_LIMITS = {
  maxFileSize: 64 * 1024,
  maxFiles: 3,
  maxFields: 10,
  maxParts: 12, // below maxFiles + maxFields, so the part count is a limit of its own
  maxFieldSize: 4 * 1024,
  spoolThreshold: 1024,
};

export interface LogLine {
  level: "info" | "warn" | "error";
  message: string;
  error?: unknown;
}

export interface RobustApp {
  app: Typhoon;
  /** What the app logged (its logger: errors, cleanup and task failures). */
  logs: LogLine[];
  /** Things that happened: dependency setup/cleanup, stream ends, task runs, in order. */
  events: string[];
  /** Where uploads spill to disk (a private folder; count its entries). */
  tempDir: string;
  /** The static directory (has `hello.txt`, `sub/inner.txt`, `big.bin`); `../secret.txt` beside it. */
  staticDir: string;
}

export const Item = v.object({
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
  price: v.pipe(v.number(), v.minValue(0), v.maxValue(1_000_000)),
  quantity: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)), 1),
  tags: v.optional(v.array(v.string()), []),
});

function fixtureFiles(): { root: string; staticDir: string; tempDir: string } {
  const root = mkdtempSync(join(tmpdir(), "typhoon-robustness-"));
  const staticDir = join(root, "public");
  mkdirSync(join(staticDir, "sub"), { recursive: true });
  writeFileSync(join(staticDir, "hello.txt"), "hello from static");
  writeFileSync(join(staticDir, "sub", "inner.txt"), "inner file");
  writeFileSync(join(staticDir, "big.bin"), Buffer.alloc(4 * 1024 * 1024, 0x62));
  writeFileSync(join(root, "secret.txt"), SECRET_TEXT);
  const tempDir = join(root, "uploads");
  mkdirSync(tempDir);
  return { root, staticDir, tempDir };
}

export function createRobustApp(): RobustApp & { root: string } {
  const logs: LogLine[] = [];
  const events: string[] = [];
  const { root, staticDir, tempDir } = fixtureFiles();
  const logger: Logger = {
    info: (message) => logs.push({ level: "info", message }),
    warn: (message) => logs.push({ level: "warn", message }),
    error: (message, error) => logs.push({ level: "error", message, error }),
  };
  const app = new Typhoon({ title: "Robustness", logger, forms: { ...FORM_LIMITS, tempDir } });

  addJsonRoutes(app);
  addQueryRoutes(app);
  addFormRoutes(app, events);
  addUserInputRoutes(app);
  addAuthRoutes(app);
  addWebSocketRoutes(app, events);
  addFaultRoutes(app, events);
  app.mount("/static", new StaticFiles({ directory: staticDir }));

  // The app's own 500 handler logs with the request id the middleware assigned.
  app.exceptionHandler(500, (request, error) => {
    const id = String(request.state.requestId ?? "-");
    logger.error(`request ${id} failed`, error);
    return new JSONResponse({ detail: "Internal Server Error", request_id: id }, { status: 500 });
  });
  app.middleware(async (request, callNext) => {
    if (request.path === "/fault/middleware") throw new Error("middleware exploded: dsn=db://x");
    return callNext(request);
  });
  app.addMiddleware(timeoutMiddleware(HANDLER_TIMEOUT_MS));
  app.addMiddleware(requestIdMiddleware());
  return { app, logs, events, tempDir, staticDir, root };
}

function addJsonRoutes(app: Typhoon): void {
  app.get("/ping", () => ({ ok: true }));
  app.post("/items", { params: { item: Body(Item) }, status: 201 }, ({ item }) => ({
    item,
    polluted: ({} as Record<string, unknown>).polluted ?? null,
  }));
  // Keys a client chose, copied into a record: the classic prototype-pollution path.
  app.post(
    "/prices",
    { params: { prices: Body(v.record(v.string(), v.number())) } },
    ({ prices }) => ({
      keys: Object.keys(prices),
      total: Object.values(prices).reduce((a, b) => a + b, 0),
      polluted: ({} as Record<string, unknown>).polluted ?? null,
    }),
  );
  app.post(
    "/settings",
    { params: { settings: Body(v.looseObject({ theme: v.optional(v.string()) })) } },
    ({ settings }) => {
      const merged: Record<string, unknown> = { theme: "light" };
      for (const [key, value] of Object.entries(settings)) merged[key] = value;
      return {
        merged,
        polluted: ({} as Record<string, unknown>).polluted ?? null,
        mergedProto: Object.getPrototypeOf(merged) === Object.prototype,
      };
    },
  );
  // Any JSON: measure it without echoing it back.
  app.post("/measure", { params: { value: Body(v.unknown()) } }, ({ value }) => ({
    depth: depthOf(value),
    type: Array.isArray(value) ? "array" : value === null ? "null" : typeof value,
  }));
  app.post("/echo", { params: { value: Body(v.unknown()) } }, ({ value }) => ({ value }));
}

function depthOf(value: unknown): number {
  let depth = 0;
  let level: unknown[] = [value];
  for (let guard = 0; guard < 1_000_000 && level.length > 0; guard++) {
    const next: unknown[] = [];
    for (const node of level) {
      if (node !== null && typeof node === "object") next.push(...Object.values(node));
    }
    if (next.length === 0 && level.every((n) => n === null || typeof n !== "object")) break;
    depth++;
    level = next;
  }
  return depth;
}

function addQueryRoutes(app: Typhoon): void {
  app.get(
    "/search",
    {
      params: {
        page: Query(
          v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000)), 1),
        ),
        price: Query(v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1_000_000)))),
        flag: Query(v.optional(v.boolean(), false)),
        q: Query(v.optional(v.pipe(v.string(), v.maxLength(50)))),
        tags: Query(v.optional(v.array(v.string()), [])),
        ids: Query(v.optional(v.array(v.pipe(v.number(), v.integer())), [])),
      },
    },
    (params) => params,
  );
}

function addFormRoutes(app: Typhoon, events: string[]): void {
  app.post(
    "/form",
    {
      params: {
        name: Form(v.pipe(v.string(), v.minLength(1))),
        age: Form(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(150))),
      },
    },
    ({ name, age }) => ({ name, age }),
  );
  app.post(
    "/upload",
    {
      params: {
        files: File({ many: true }),
        note: Form(v.optional(v.string(), "")),
      },
    },
    async ({ files, note }) => {
      events.push(`upload ${files.length}`);
      return {
        note,
        files: files.map((file: UploadFile) => ({
          filename: file.filename,
          size: file.size,
          onDisk: file.path !== undefined,
        })),
      };
    },
  );
  // Holds the request open after parsing (while the client may leave): uploads stay on disk.
  app.post("/upload/slow", { params: { file: File() } }, async ({ file }) => {
    events.push(`slow upload ${file.size}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    return { size: file.size };
  });
}

function addUserInputRoutes(app: Typhoon): void {
  app.get("/go", { params: { to: Query(v.string()) } }, ({ to }) => new RedirectResponse(to));
  app.get(
    "/prefs",
    { params: { theme: Query(v.string()), response: Response } },
    ({ theme, response }) => {
      response.setCookie("theme", theme, { httpOnly: true, sameSite: "lax" });
      return { theme };
    },
  );
  app.get(
    "/greet",
    { params: { name: Query(v.string()), response: Response } },
    ({ name, response }) => {
      response.setHeader("x-greeting", `hello ${name}`);
      return { name };
    },
  );
  app.get("/files/{name}", { params: { request: Request } }, ({ request }) => ({
    name: request.pathParams.name,
    path: request.path,
  }));
}

function addAuthRoutes(app: Typhoon): void {
  const jwt = createJwt({
    algorithm: "HS256",
    secret: JWT_SECRET,
    audience: JWT_AUDIENCE,
    issuer: JWT_ISSUER,
    expiresIn: "5m",
  });
  const bearer = new OAuth2PasswordBearer({ tokenUrl: "token" });
  const currentUser = dependency({ token: Depends(bearer) }, async ({ token }) => {
    try {
      const claims = await jwt.verify(token);
      return { sub: claims.sub };
    } catch (error) {
      if (isJwtError(error)) {
        throw new HTTPException(401, "Could not validate credentials", {
          "WWW-Authenticate": "Bearer",
        });
      }
      throw error;
    }
  });
  app.get("/me", { params: { user: Depends(currentUser) } }, ({ user }) => user);
  app.post("/token", { params: { sub: Query(v.string()) } }, async ({ sub }) => ({
    access_token: await jwt.sign({ sub }),
  }));
  const basic = new HTTPBasic({ realm: "robust" });
  app.get("/admin", { params: { credentials: Depends(basic) } }, ({ credentials }) => {
    if (!verifyBasic(credentials, BASIC_USER)) {
      throw new HTTPException(401, "Incorrect username or password", {
        "WWW-Authenticate": 'Basic realm="robust"',
      });
    }
    return { admin: credentials.username };
  });
}

function addWebSocketRoutes(app: Typhoon, events: string[]): void {
  app.websocket("/ws/echo", { params: { ws: WebSocket } }, async ({ ws }) => {
    await ws.accept();
    try {
      for await (const message of ws) {
        await ws.sendText(typeof message === "string" ? message : `bytes:${message.length}`);
      }
    } finally {
      events.push("ws echo closed");
    }
  });
  app.websocket("/ws/json", { params: { ws: WebSocket } }, async ({ ws }) => {
    await ws.accept();
    for (let i = 0; i < 1000; i++) {
      const value = await ws.receiveJson<{ n?: unknown }>();
      await ws.sendJson({ n: value.n ?? null });
    }
  });
  app.websocket(
    "/ws/count",
    { params: { ws: WebSocket, limit: Query(v.pipe(v.number(), v.integer(), v.maxValue(100))) } },
    async ({ ws, limit }) => {
      await ws.accept();
      for (let i = 0; i < limit; i++) await ws.sendText(String(i));
      await ws.close(1000, "done");
    },
  );
}

function addFaultRoutes(app: Typhoon, events: string[]): void {
  const resource = dependency(async function* () {
    events.push("resource open");
    try {
      yield { name: "db" };
    } finally {
      events.push("resource closed");
    }
  });
  const failingDependency = dependency(() => {
    throw new Error("dependency exploded: password=hunter2");
  });
  const failingCleanup = dependency(async function* () {
    yield "value";
    throw new Error("cleanup exploded");
  });
  const hangingDependency = dependency(() => new Promise<never>(() => {}));

  app.get("/fault/handler", { params: { r: Depends(resource) } }, () => {
    throw new Error("handler exploded at /srv/app/secret.ts:42");
  });
  app.get(
    "/fault/dependency",
    { params: { r: Depends(resource), x: Depends(failingDependency) } },
    () => "never",
  );
  app.get("/fault/cleanup", { params: { x: Depends(failingCleanup) } }, ({ x }) => ({ x }));
  app.get("/fault/http", { params: { r: Depends(resource) } }, () => {
    throw new HTTPException(409, "conflict, as planned");
  });
  app.get("/fault/background", { params: { tasks: BackgroundTasks } }, ({ tasks }) => {
    tasks.add(() => {
      events.push("task 1");
      throw new Error("background task exploded");
    });
    tasks.add(() => events.push("task 2"));
    return { queued: 2 };
  });
  app.get("/fault/hang/handler", { params: { r: Depends(resource) } }, () => new Promise(() => {}));
  app.get("/fault/hang/dependency", { params: { x: Depends(hangingDependency) } }, () => "never");
  app.get("/fault/hang/background", { params: { tasks: BackgroundTasks } }, ({ tasks }) => {
    tasks.add(() => new Promise<void>(() => {}));
    return { queued: 1 };
  });
  // A handler that breaks its own response schema (the types would catch it; a cast hides it).
  app.get(
    "/fault/response",
    { response: v.object({ id: v.number() }) },
    () => ({ id: "nope" }) as unknown as { id: number },
  );
  app.get(
    "/stream",
    { params: { r: Depends(resource), n: Query(v.optional(v.number(), 1e6)) } },
    ({ n }) => {
      async function* chunks() {
        try {
          for (let i = 0; i < n; i++) yield `chunk ${i} ${"x".repeat(1000)}\n`;
        } finally {
          events.push("stream finished");
        }
      }
      return new StreamingResponse(chunks(), { mediaType: "text/plain" });
    },
  );
}
