import { describe, expect, it } from "vitest";
import { collectBody } from "../../src/http/index";
import {
  httpRequest,
  ResponseIncomplete,
  reportServerError,
  SERVER_ERROR_EXTENSION,
} from "../../src/inprocess/index";
import type { HTTPScope, ReceiveMessage, ServerApp } from "../../src/types";
import { type LogLine, memoryLogger } from "../websocket/harness";

const text = (body: Uint8Array) => Buffer.from(body).toString("utf8");
const header = (headers: Array<[string, string]>, name: string) =>
  headers.filter(([n]) => n === name).map(([, v]) => v);

/** Answers 200 with `reply(scope, body)` as the text body. */
function replyApp(reply: (scope: HTTPScope, body: Uint8Array) => string): ServerApp {
  return async (scope, receive, send) => {
    if (scope.type !== "http") return;
    const body = await collectBody(receive);
    const out = Buffer.from(reply(scope, body));
    await send({
      type: "http.response.start",
      status: 200,
      headers: [["content-type", "text/plain"]],
    });
    await send({ type: "http.response.body", body: out });
  };
}

describe("httpRequest: the scope", () => {
  it("splits path and query, decodes the path, keeps raw_path and query_string raw", async () => {
    let seen: HTTPScope | undefined;
    await httpRequest(
      replyApp((scope) => {
        seen = scope;
        return "";
      }),
      { path: "/files/r%C3%A9sum%C3%A9 2?a=1&a=%20", query: { b: ["x y", 2] }, rootPath: "/api" },
    );
    expect(seen).toMatchObject({
      type: "http",
      method: "GET",
      scheme: "http",
      http_version: "1.1",
      path: "/files/résumé 2",
      raw_path: "/files/r%C3%A9sum%C3%A9%202",
      query_string: "a=1&a=%20&b=x+y&b=2",
      root_path: "/api",
      client: ["testclient", 50000],
      server: ["testserver", 80],
    });
  });

  it("keeps header order and repeats, lower-cases names, and copies state per request", async () => {
    const state = { counter: 1 };
    const scopes: HTTPScope[] = [];
    const app = replyApp((scope) => {
      scopes.push(scope);
      scope.state.mine = true;
      return "";
    });
    await httpRequest(app, {
      path: "/",
      headers: [
        ["X-B", "1"],
        ["x-a", "2"],
        ["x-b", "3"],
      ],
      state,
    });
    await httpRequest(app, { path: "/", headers: { "X-One": ["a", "b"] }, state });
    expect(scopes[0]?.headers).toEqual([
      ["x-b", "1"],
      ["x-a", "2"],
      ["x-b", "3"],
    ]);
    expect(scopes[1]?.headers).toEqual([
      ["x-one", "a"],
      ["x-one", "b"],
    ]);
    expect(scopes[0]?.state).toEqual({ counter: 1, mine: true });
    expect(state).toEqual({ counter: 1 }); // the lifespan object itself is untouched
  });

  it("adds content-length to fixed bodies and transfer-encoding to streamed ones", async () => {
    const seen: HTTPScope[] = [];
    const app = replyApp((scope) => {
      seen.push(scope);
      return "";
    });
    await httpRequest(app, { method: "post", path: "/", body: "héllo" });
    await httpRequest(app, { method: "POST", path: "/", body: [new Uint8Array([1])] });
    await httpRequest(app, { method: "POST", path: "/" });
    expect(seen.map((s) => s.method)).toEqual(["POST", "POST", "POST"]);
    expect(seen[0]?.headers).toEqual([["content-length", "6"]]);
    expect(seen[1]?.headers).toEqual([["transfer-encoding", "chunked"]]);
    expect(seen[2]?.headers).toEqual([["content-length", "0"]]);
  });

  it("refuses bad input from the test with a TypeError", async () => {
    const app = replyApp(() => "");
    await expect(httpRequest(app, { path: "no-slash" })).rejects.toThrow(TypeError);
    await expect(
      httpRequest(app, { path: "/", headers: { "x-a": "1\r\nx-b: 2" } }),
    ).rejects.toThrow(TypeError);
    await expect(httpRequest(app, { path: "/", method: "GE T" })).rejects.toThrow(TypeError);
  });
});

describe("httpRequest: bodies", () => {
  it("delivers a streamed body as several http.request messages, read in pieces", async () => {
    const messages: ReceiveMessage[] = [];
    const app: ServerApp = async (scope, receive, send) => {
      if (scope.type !== "http") return;
      for (let m = await receive(); ; m = await receive()) {
        messages.push(m);
        if (m.type !== "http.request" || !m.more_body) break;
      }
      await send({ type: "http.response.start", status: 204 });
      await send({ type: "http.response.body" });
    };
    async function* upload() {
      yield "one,";
      yield new Uint8Array(0); // empty chunks carry nothing and are skipped
      yield Buffer.from("two");
    }
    const response = await httpRequest(app, { method: "POST", path: "/", body: upload() });
    expect(response.status).toBe(204);
    expect(
      messages.map((m) => (m.type === "http.request" ? [text(m.body), m.more_body] : m.type)),
    ).toEqual([
      ["one,", true],
      ["two", true],
      ["", false],
    ]);
  });

  it("returns the joined response body of a streamed response", async () => {
    const app: ServerApp = async (scope, _receive, send) => {
      if (scope.type !== "http") return;
      await send({ type: "http.response.start", status: 200 });
      for (const part of ["a", "b", "c"]) {
        await send({ type: "http.response.body", body: Buffer.from(part), more_body: true });
      }
      await send({ type: "http.response.body" });
    };
    const response = await httpRequest(app, { path: "/" });
    expect(text(response.body)).toBe("abc");
    expect(header(response.headers, "content-length")).toEqual([]);
  });

  it("gives a whole response a content-length, and HEAD the length without the body", async () => {
    const app = replyApp(() => "twelve bytes");
    const get = await httpRequest(app, { path: "/" });
    expect(header(get.headers, "content-length")).toEqual(["12"]);
    expect(text(get.body)).toBe("twelve bytes");
    const head = await httpRequest(app, { method: "HEAD", path: "/" });
    expect(head.status).toBe(200);
    expect(header(head.headers, "content-length")).toEqual(["12"]);
    expect(head.body.length).toBe(0);
  });

  it("drops the body of a 204 and a 304", async () => {
    for (const status of [204, 304]) {
      const response = await httpRequest(
        async (_scope, _receive, send) => {
          await send({ type: "http.response.start", status });
          await send({ type: "http.response.body", body: Buffer.from("ignored") });
        },
        { path: "/" },
      );
      expect(response.status).toBe(status);
      expect(response.body.length).toBe(0);
      expect(header(response.headers, "content-length")).toEqual([]);
    }
  });

  it("answers 413 past maxBodySize, declared or streamed", async () => {
    const logs: LogLine[] = [];
    let called = 0;
    const app: ServerApp = async (scope, receive, send) => {
      called++;
      if (scope.type !== "http") return;
      for (
        let m = await receive();
        m.type === "http.request" && m.more_body;
        m = await receive()
      ) {}
      await send({ type: "http.response.start", status: 200 });
      await send({ type: "http.response.body" });
    };
    const declared = await httpRequest(app, {
      method: "POST",
      path: "/",
      body: "12345",
      maxBodySize: 4,
    });
    expect(declared.status).toBe(413);
    expect(called).toBe(0);
    const streamed = await httpRequest(app, {
      method: "POST",
      path: "/",
      body: ["12", "34", "56"],
      maxBodySize: 4,
      logger: memoryLogger(logs),
    });
    expect(streamed.status).toBe(413);
    expect(JSON.parse(text(streamed.body))).toEqual({ detail: "Request body too large" });
  });

  it("yields http.disconnect after the response is complete", async () => {
    let after: ReceiveMessage | undefined;
    const app: ServerApp = async (_scope, receive, send) => {
      await receive();
      await send({ type: "http.response.start", status: 200 });
      await send({ type: "http.response.body", body: Buffer.from("done") });
      after = await receive();
    };
    await httpRequest(app, { path: "/" });
    expect(after).toEqual({ type: "http.disconnect" });
  });
});

describe("httpRequest: app errors and protocol rules", () => {
  it("answers 500 text/plain when the app throws before the response starts, and logs it", async () => {
    const logs: LogLine[] = [];
    const boom = new Error("boom");
    const response = await httpRequest(
      async () => {
        throw boom;
      },
      { path: "/x", logger: memoryLogger(logs) },
    );
    expect(response.status).toBe(500);
    expect(header(response.headers, "content-type")).toEqual(["text/plain; charset=utf-8"]);
    expect(text(response.body)).toBe("Internal Server Error");
    expect(logs[0]?.error).toBe(boom);
  });

  it("rejects with the app's error when raiseAppErrors is set", async () => {
    const boom = new Error("boom");
    await expect(
      httpRequest(
        async () => {
          throw boom;
        },
        { path: "/", raiseAppErrors: true },
      ),
    ).rejects.toBe(boom);
  });

  it("with raiseAppErrors, also rejects for an error after the response completed", async () => {
    const late = new Error("background task failed");
    const app: ServerApp = async (_scope, _receive, send) => {
      await send({ type: "http.response.start", status: 200 });
      await send({ type: "http.response.body", body: Buffer.from("ok") });
      throw late;
    };
    await expect(httpRequest(app, { path: "/", raiseAppErrors: true })).rejects.toBe(late);
    const logs: LogLine[] = [];
    const served = await httpRequest(app, { path: "/", logger: memoryLogger(logs) });
    expect(served.status).toBe(200); // as a server: the client got its answer, the error is logged
    expect(logs[0]?.error).toBe(late);
  });

  it("with raiseAppErrors, rejects with an error the app answered with a 500 and reported", async () => {
    const boom = new Error("handled by the app's own guard");
    const app: ServerApp = async (scope, _receive, send) => {
      reportServerError(scope, boom); // what an app's ServerErrorMiddleware does
      reportServerError(scope, new Error("a later one")); // the first error wins
      await send({ type: "http.response.start", status: 500 });
      await send({ type: "http.response.body", body: Buffer.from("Internal Server Error") });
    };
    await expect(httpRequest(app, { path: "/", raiseAppErrors: true })).rejects.toBe(boom);
    // Not asked for: the extension is not offered, the report is a no-op, the 500 is the answer.
    const served = await httpRequest(app, { path: "/" });
    expect(served.status).toBe(500);
    const seen = await httpRequest(
      replyApp((scope) => String(SERVER_ERROR_EXTENSION in scope.extensions)),
      { path: "/" },
    );
    expect(text(seen.body)).toBe("false");
  });

  it("answers 500 when the app returns without a response", async () => {
    const logs: LogLine[] = [];
    const response = await httpRequest(async () => {}, { path: "/", logger: memoryLogger(logs) });
    expect(response.status).toBe(500);
    expect(String(logs[0]?.error)).toMatch(/returned without sending a response/);
  });

  it("rejects with ResponseIncomplete when the app fails mid-stream", async () => {
    const app: ServerApp = async (_scope, _receive, send) => {
      await send({ type: "http.response.start", status: 200 });
      await send({ type: "http.response.body", body: Buffer.from("part"), more_body: true });
      throw new Error("mid-stream");
    };
    const error = await httpRequest(app, { path: "/", logger: memoryLogger([]) }).catch((e) => e);
    expect(error).toBeInstanceOf(ResponseIncomplete);
    expect(error.status).toBe(200);
    expect(error.cause.message).toBe("mid-stream");
  });

  it("turns invalid status, header or order into an app error (so a 500)", async () => {
    const cases: Array<(send: Parameters<ServerApp>[2]) => Promise<void>> = [
      (send) => send({ type: "http.response.start", status: 42 }),
      (send) => send({ type: "http.response.start", status: 200, headers: [["x", "a\r\nb: c"]] }),
      (send) => send({ type: "http.response.start", status: 200, headers: [["bad name", "v"]] }),
      (send) => send({ type: "http.response.body", body: Buffer.from("no start") }),
      (send) => send({ type: "http.response.start", status: 200, trailers: true }),
      (send) => send({ type: "websocket.accept" }),
    ];
    for (const misbehave of cases) {
      const logs: LogLine[] = [];
      const response = await httpRequest(
        async (_scope, _receive, send) => {
          await misbehave(send);
        },
        { path: "/", logger: memoryLogger(logs) },
      );
      expect(response.status).toBe(500);
      expect(logs).toHaveLength(1);
    }
  });

  it("refuses a body that contradicts the declared content-length", async () => {
    const logs: LogLine[] = [];
    const response = await httpRequest(
      async (_scope, _receive, send) => {
        await send({
          type: "http.response.start",
          status: 200,
          headers: [["content-length", "10"]],
        });
        await send({ type: "http.response.body", body: Buffer.from("short") });
      },
      { path: "/", logger: memoryLogger(logs) },
    );
    expect(response.status).toBe(500);
    expect(String(logs[0]?.error)).toMatch(/Content-Length/);
  });

  it("disconnects the app when the signal aborts, and rejects with its reason", async () => {
    const seen: ReceiveMessage[] = [];
    const controller = new AbortController();
    const app: ServerApp = async (_scope, receive) => {
      seen.push(await receive());
      controller.abort(new Error("gave up"));
      seen.push(await receive());
    };
    await expect(httpRequest(app, { path: "/", signal: controller.signal })).rejects.toThrow(
      "gave up",
    );
    expect(seen).toEqual([
      { type: "http.request", body: new Uint8Array(0), more_body: false },
      { type: "http.disconnect" },
    ]);
  });
});
