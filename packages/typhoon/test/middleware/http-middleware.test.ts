import {
  httpRequest,
  httpStream,
  type Receive,
  type Scope,
  type SendMessage,
  type ServerApp,
} from "@typhoon/server";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { Request, Typhoon } from "../../src/index";
import { CapturedResponse, httpMiddleware } from "../../src/middleware/index";
import { JSONResponse, PlainTextResponse } from "../../src/responses/index";
import { TestClient } from "../../src/testing/index";
import { deferred, recordingLogger, streamingApp, withDeadlock } from "./helpers";

function itemsApp() {
  const app = new Typhoon({ logger: recordingLogger() });
  app.get("/items/{id}", { params: { id: v.number() } }, ({ id }) => ({ id }));
  app.post("/echo", { params: { item: v.object({ name: v.string() }) } }, ({ item }) => item);
  return app;
}

describe("httpMiddleware: the function form", () => {
  it("lets the function read the request and change the downstream status and headers", async () => {
    const seen: string[] = [];
    const middleware = httpMiddleware(async (request, callNext) => {
      seen.push(`${request.method} ${request.path} ${request.query.get("q")}`);
      const response = await callNext(request);
      expect(response).toBeInstanceOf(CapturedResponse);
      response.setHeader("x-process-time", "1.5");
      if (response.status === 404) response.status = 410;
      return response;
    });
    const client = new TestClient(middleware(itemsApp().serverApp));
    const ok = await client.get("/items/7", { query: { q: "x" } });
    expect(ok.status).toBe(200);
    expect(ok.json()).toEqual({ id: 7 });
    expect(ok.headers.get("x-process-time")).toBe("1.5");
    expect(ok.headers.getAll("content-length")).toEqual([String(ok.body.byteLength)]);
    const gone = await client.get("/nothing");
    expect(gone.status).toBe(410);
    expect(gone.json()).toEqual({ detail: "Not Found" });
    expect(seen).toEqual(["GET /items/7 x", "GET /nothing undefined"]);
  });

  it("may answer by itself without calling the app below", async () => {
    let reached = false;
    const inner: ServerApp = async () => {
      reached = true;
    };
    const middleware = httpMiddleware((request, callNext) =>
      request.headers.get("x-token") === "ok"
        ? callNext(request)
        : new JSONResponse({ detail: "no token" }, { status: 401 }),
    );
    const res = await new TestClient(middleware(inner)).get("/anything");
    expect(res.status).toBe(401);
    expect(res.json()).toEqual({ detail: "no token" });
    expect(reached).toBe(false);
  });

  it("replays a body the function read to the route below", async () => {
    const middleware = httpMiddleware(async (request, callNext) => {
      const body = (await request.json()) as { name: string };
      const response = await callNext(request);
      response.setHeader("x-seen-name", body.name);
      return response;
    });
    const client = new TestClient(middleware(itemsApp().serverApp));
    const res = await client.post("/echo", { json: { name: "kettle" } });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ name: "kettle" });
    expect(res.headers.get("x-seen-name")).toBe("kettle");
    // A body sent in several chunks is replayed whole.
    const chunked = await httpRequest(middleware(itemsApp().serverApp), {
      method: "POST",
      path: "/echo",
      headers: { "content-type": "application/json" },
      body: (async function* () {
        yield '{"na';
        yield 'me":"pot"}';
      })(),
    });
    expect(JSON.parse(Buffer.from(chunked.body).toString())).toEqual({ name: "pot" });
  });

  it("runs functions in composition order: the outer one sees the inner one's changes", async () => {
    const trace: string[] = [];
    const tag = (name: string) =>
      httpMiddleware(async (request, callNext) => {
        trace.push(`${name} in`);
        const response = await callNext(request);
        trace.push(`${name} out`);
        response.appendHeader("x-trace", name);
        return response;
      });
    const a = tag("a");
    const b = tag("b");
    // What app.addMiddleware(a); app.addMiddleware(b) builds: the last added is outermost.
    const res = await new TestClient(b(a(itemsApp().serverApp))).get("/items/1");
    expect(trace).toEqual(["b in", "a in", "a out", "b out"]);
    expect(res.headers.getAll("x-trace")).toEqual(["a", "b"]);
  });

  it("lets an error in the function reach the outer guard: 500", async () => {
    const logger = recordingLogger();
    const failing = httpMiddleware(() => {
      throw new Error("middleware bug");
    });
    const res = await httpRequest(failing(itemsApp().serverApp), { path: "/items/1", logger });
    expect(res.status).toBe(500);
    expect(Buffer.from(res.body).toString()).toBe("Internal Server Error");
    expect(logger.errors).toEqual([expect.objectContaining({ message: "middleware bug" })]);
  });

  it("rejects callNext with the app's error, and 500 follows if the function does not catch", async () => {
    const logger = recordingLogger();
    const broken: ServerApp = async () => {
      throw new Error("app bug");
    };
    const passThrough = httpMiddleware((request, callNext) => callNext(request));
    const res = await httpRequest(passThrough(broken), { path: "/", logger });
    expect(res.status).toBe(500);
    expect(logger.errors).toEqual([expect.objectContaining({ message: "app bug" })]);

    const catching = httpMiddleware(async (request, callNext) => {
      try {
        return await callNext(request);
      } catch (error) {
        return new PlainTextResponse(`caught ${(error as Error).message}`, { status: 503 });
      }
    });
    const caught = await new TestClient(catching(broken)).get("/");
    expect(caught.status).toBe(503);
    expect(caught.text).toBe("caught app bug");
    const silent: ServerApp = async () => {};
    const noResponse = await new TestClient(catching(silent)).get("/");
    expect(noResponse.text).toBe("caught The app returned without sending a response");
  });

  it("refuses a second callNext and a non-Response return value", async () => {
    const logger = recordingLogger();
    const twice = httpMiddleware(async (request, callNext) => {
      await callNext(request);
      return callNext(request);
    });
    const res = await httpRequest(twice(itemsApp().serverApp), { path: "/items/1", logger });
    expect(res.status).toBe(500);
    expect(logger.errors).toEqual([
      expect.objectContaining({ message: "callNext() may be called only once per request" }),
    ]);
    const wrongType = httpMiddleware((() => ({ status: 200 })) as never);
    const res2 = await httpRequest(wrongType(itemsApp().serverApp), { path: "/", logger });
    expect(res2.status).toBe(500);
    expect(String(logger.errors[1])).toMatch(/must return a Response, got Object/);
  });

  it("turns protocol mistakes of the app below into errors, answered with 500", async () => {
    const passThrough = httpMiddleware((request, callNext) => callNext(request));
    const encoder = new TextEncoder();
    const mistakes: Record<string, ServerApp> = {
      "http.response.body sent before http.response.start": async (_s, _r, send) => {
        await send({ type: "http.response.body", body: encoder.encode("x") });
      },
      'Message type "websocket.accept" is not valid on an http scope': async (_s, _r, send) => {
        await send({ type: "websocket.accept" });
      },
      "http.response.start sent twice": async (_s, _r, send) => {
        await send({ type: "http.response.start", status: 200 });
        await send({ type: "http.response.start", status: 201 });
      },
    };
    for (const [message, app] of Object.entries(mistakes)) {
      const logger = recordingLogger();
      const res = await httpRequest(passThrough(app), { path: "/", logger });
      expect(res.status, message).toBe(500);
      expect(logger.errors).toEqual([expect.objectContaining({ message })]);
    }
  });

  it("refuses a callNext argument that is not an HTTP Request", async () => {
    const logger = recordingLogger();
    const wrong = httpMiddleware((_request, callNext) => callNext({} as Request));
    const res = await httpRequest(wrong(itemsApp().serverApp), { path: "/", logger });
    expect(res.status).toBe(500);
    expect(String(logger.errors[0])).toMatch(/expects the HTTP Request/);
  });

  it("passes websocket and lifespan scopes straight to the app", async () => {
    const calls: string[] = [];
    const inner: ServerApp = async (scope) => {
      calls.push(`app ${scope.type}`);
    };
    const wrapped = httpMiddleware((request, callNext) => {
      calls.push("function");
      return callNext(request);
    })(inner);
    const receive: Receive = async () => ({ type: "lifespan.startup" });
    const send = async (_: SendMessage) => {};
    await wrapped({ type: "lifespan" } as Scope, receive, send);
    await wrapped({ type: "websocket", headers: [] } as unknown as Scope, receive, send);
    expect(calls).toEqual(["app lifespan", "app websocket"]);
  });

  it("waits for the app below to finish its work after the last byte", async () => {
    const finished = deferred();
    const inner: ServerApp = async (_scope, _receive, send) => {
      await send({ type: "http.response.start", status: 200, headers: [] });
      await send({ type: "http.response.body", body: new TextEncoder().encode("done") });
      await finished.promise; // background work after the response
    };
    let settled = false;
    const wrapped = httpMiddleware((request, callNext) => callNext(request))(inner);
    const call = httpRequest(wrapped, { path: "/" }).then((res) => {
      settled = true;
      return res;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    finished.resolve();
    expect(Buffer.from((await call).body).toString()).toBe("done");
  });

  it("exposes the captured body as chunks for a function that rewrites it", async () => {
    const upper = httpMiddleware(async (request, callNext) => {
      const response = await callNext(request);
      const text = Buffer.from(await response.bytes()).toString();
      return new PlainTextResponse(text.toUpperCase(), { status: response.status });
    });
    const res = await new TestClient(upper(streamingApp(["ab", "cd", "ef"]))).get("/");
    expect(res.text).toBe("ABCDEF");
  });
});

describe("httpMiddleware: streaming through the captured response", () => {
  const passThrough = httpMiddleware(async (request, callNext) => {
    const response = await callNext(request);
    response.setHeader("x-wrapped", "yes");
    return response;
  });

  it("forwards an event stream chunk by chunk (lock-step: nothing is buffered)", async () => {
    const events = Array.from({ length: 4 }, (_, i) => `data: ${i}\n\n`);
    const received = events.map(() => deferred());
    const app = streamingApp(events, {
      contentType: "text/event-stream",
      beforeChunk: (i) =>
        i === 0 ? undefined : withDeadlock(received[i - 1]!.promise, `event ${i - 1}`),
    });
    const res = await httpStream(passThrough(app), { path: "/events" });
    expect(res.headers).toContainEqual(["x-wrapped", "yes"]);
    const got: string[] = [];
    for await (const chunk of res.body) {
      const text = Buffer.from(chunk).toString();
      if (text === "") continue;
      got.push(text);
      received[got.length - 1]!.resolve();
    }
    expect(got).toEqual(events);
  });

  it("keeps backpressure: the app below cannot run far ahead of a slow reader", async () => {
    let sent = 0;
    const total = 200;
    const app = streamingApp(
      Array.from({ length: total }, (_, i) => `chunk ${i};`),
      { onSent: () => sent++ },
    );
    const res = await httpStream(passThrough(app), { path: "/" });
    const iterator = res.body[Symbol.asyncIterator]();
    await iterator.next();
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    // The in-process client buffers 16 chunks; the middleware adds at most one in flight.
    expect(sent).toBeLessThan(25);
    let text = "";
    for (let step = await iterator.next(); !step.done; step = await iterator.next()) {
      text += Buffer.from(step.value).toString();
    }
    expect(sent).toBe(total);
    expect(text.endsWith(`chunk ${total - 1};`)).toBe(true);
  });

  it("cuts the response when the app below fails mid-stream", async () => {
    const logger = recordingLogger();
    const app: ServerApp = async (_scope, _receive, send) => {
      await send({ type: "http.response.start", status: 200, headers: [] });
      await send({
        type: "http.response.body",
        body: new TextEncoder().encode("part"),
        more_body: true,
      });
      throw new Error("stream broke");
    };
    await expect(httpRequest(passThrough(app), { path: "/", logger })).rejects.toThrow();
    expect(logger.errors).toEqual([expect.objectContaining({ message: "stream broke" })]);
  });

  it("tells a streaming app below that nobody listens when the function answers instead", async () => {
    const disconnected = deferred<string>();
    let sends = 0;
    const app: ServerApp = async (_scope, receive, send) => {
      await send({ type: "http.response.start", status: 200, headers: [] });
      for (let i = 0; i < 1000; i++) {
        await send({ type: "http.response.body", body: new Uint8Array(10), more_body: true });
        sends++;
      }
      await send({ type: "http.response.body" });
      disconnected.resolve((await receive()).type);
    };
    const replacing = httpMiddleware(async (request, callNext) => {
      await callNext(request);
      return new PlainTextResponse("replaced");
    });
    const res = await new TestClient(replacing(app)).get("/");
    expect(res.text).toBe("replaced");
    // Its sends were dropped (none waited for a reader), and it sees a disconnect.
    expect(await withDeadlock(disconnected.promise, "the app below")).toBe("http.disconnect");
    expect(sends).toBe(1000);
  });

  it("stops the app below when the client of a streamed response goes away", async () => {
    const sawDisconnect = deferred<void>();
    const app: ServerApp = async (_scope, receive, send) => {
      await send({ type: "http.response.start", status: 200, headers: [] });
      await send({ type: "http.response.body", body: new Uint8Array([1]), more_body: true });
      const message = await receive();
      if (message.type === "http.disconnect") sawDisconnect.resolve();
    };
    const res = await httpStream(passThrough(app), { path: "/" });
    for await (const _ of res.body) break; // leave after the first chunk
    await withDeadlock(sawDisconnect.promise, "the disconnect");
    await res.finished;
  });

  it("hands the Request class to user code", async () => {
    let request: unknown;
    const spy = httpMiddleware((r, callNext) => {
      request = r;
      return callNext(r);
    });
    await new TestClient(spy(itemsApp().serverApp)).get("/items/3");
    expect(request).toBeInstanceOf(Request);
  });
});
