/**
 * The HTTP half of the protocol suite: the same cases, run against every host adapter.
 */
import { afterEach, describe, expect, it } from "vitest";
import { collectBody } from "../../src/http/index";
import type { HTTPScope, ReceiveMessage, Send, ServerApp } from "../../src/types";
import {
  type ContractRequest,
  deferred,
  type HostAdapter,
  type RunningHost,
  type StartOptions,
  text,
  values,
} from "./adapter";

const bytes = (s: string) => Buffer.from(s);

async function respond(
  send: Send,
  status: number,
  body: string,
  headers: Array<[string, string]> = [],
) {
  await send({ type: "http.response.start", status, headers });
  await send({ type: "http.response.body", body: bytes(body) });
}

/** Answers every http request with `JSON.stringify(pick(scope))`. */
function scopeApp(pick: (scope: HTTPScope) => unknown): ServerApp {
  return async (scope, receive, send) => {
    if (scope.type !== "http") return;
    await collectBody(receive);
    await respond(send, 200, JSON.stringify(pick(scope)), [["content-type", "application/json"]]);
  };
}

export function httpCases(adapter: HostAdapter): void {
  describe(`${adapter.name}: HTTP protocol`, () => {
    let running: RunningHost | undefined;
    afterEach(async () => {
      await running?.close();
      running = undefined;
    });
    async function start(app: ServerApp, options?: StartOptions) {
      running = await adapter.start(app, options);
      return running;
    }
    const send = (request: ContractRequest) => (running as RunningHost).request(request);

    it("echoes a request body", async () => {
      await start(async (scope, receive, s) => {
        if (scope.type !== "http") return;
        await respond(s, 200, text(await collectBody(receive)));
      });
      const response = await send({ method: "POST", path: "/echo", body: "héllo wörld" });
      expect(response.status).toBe(200);
      expect(text(response.body)).toBe("héllo wörld");
    });

    it("delivers a chunked upload in pieces, the last with more_body false", async () => {
      const pieces: ReceiveMessage[] = [];
      let got = deferred<void>();
      await start(async (scope, receive, s) => {
        if (scope.type !== "http") return;
        for (;;) {
          const message = await receive();
          pieces.push(message);
          got.resolve();
          if (message.type !== "http.request" || !message.more_body) break;
        }
        await respond(s, 200, String(pieces.length));
      });
      async function* upload() {
        for (const part of ["alpha-", "beta-", "gamma"]) {
          got = deferred<void>();
          yield bytes(part);
          await got.promise; // the app holds this piece before the next leaves the client
        }
      }
      const response = await send({ method: "POST", path: "/upload", body: upload() });
      expect(response.status).toBe(200);
      const requests = pieces.filter((m) => m.type === "http.request");
      expect(requests.length).toBeGreaterThanOrEqual(3);
      expect(requests.map((m) => text(m.body)).join("")).toBe("alpha-beta-gamma");
      expect(requests.at(-1)?.more_body).toBe(false);
      expect(requests.slice(0, -1).every((m) => m.more_body)).toBe(true);
    });

    it("streams a response sent in several body messages, without a Content-Length", async () => {
      await start(async (scope, _receive, s) => {
        if (scope.type !== "http") return;
        await s({
          type: "http.response.start",
          status: 200,
          headers: [["content-type", "text/plain"]],
        });
        for (const part of ["one ", "two ", "three"]) {
          await s({ type: "http.response.body", body: bytes(part), more_body: true });
        }
        await s({ type: "http.response.body" });
      });
      const response = await send({ path: "/stream" });
      expect(text(response.body)).toBe("one two three");
      expect(values(response.headers, "content-length")).toEqual([]);
    });

    it("answers HEAD with the GET headers and no body", async () => {
      await start(async (scope, _receive, s) => {
        if (scope.type !== "http") return;
        await respond(s, 200, "a body of 21 bytes...", [["x-method", scope.method]]);
      });
      const response = await send({ method: "HEAD", path: "/" });
      expect(response.status).toBe(200);
      expect(values(response.headers, "x-method")).toEqual(["HEAD"]);
      expect(values(response.headers, "content-length")).toEqual(["21"]);
      expect(response.body.length).toBe(0);
    });

    it("sends no body with a 204, even if the app gives one", async () => {
      await start(async (scope, _receive, s) => {
        if (scope.type !== "http") return;
        await respond(s, 204, "dropped");
      });
      const response = await send({ method: "DELETE", path: "/item" });
      expect(response.status).toBe(204);
      expect(response.body.length).toBe(0);
    });

    it("answers 500 text/plain when the app throws before responding", async () => {
      await start(async (scope) => {
        if (scope.type === "http") throw new Error("boom");
      });
      const response = await send({ path: "/" });
      expect(response.status).toBe(500);
      expect(values(response.headers, "content-type")).toEqual(["text/plain; charset=utf-8"]);
      expect(text(response.body)).toBe("Internal Server Error");
    });

    it("answers 500 when the app sends a header with CR/LF (never a split response)", async () => {
      await start(async (scope, _receive, s) => {
        if (scope.type !== "http") return;
        await respond(s, 200, "evil", [["x-evil", "a\r\nset-cookie: injected=1"]]);
      });
      const response = await send({ path: "/" });
      expect(response.status).toBe(500);
      expect(values(response.headers, "set-cookie")).toEqual([]);
      expect(values(response.headers, "x-evil")).toEqual([]);
    });

    it("answers 500 when the app sends a status out of range", async () => {
      for (const status of [99, 1000, 200.5]) {
        await start(async (scope, _receive, s) => {
          if (scope.type !== "http") return;
          await respond(s, status, "odd");
        });
        expect((await send({ path: "/" })).status).toBe(500);
        await running?.close();
        running = undefined;
      }
    });

    it("shows the lifespan state in every request scope", async () => {
      await start(async (scope, receive, s) => {
        if (scope.type === "lifespan") {
          await receive();
          scope.state.pool = "ready";
          await s({ type: "lifespan.startup.complete" });
          await receive();
          await s({ type: "lifespan.shutdown.complete" });
          return;
        }
        if (scope.type !== "http") return;
        await respond(s, 200, String(scope.state.pool));
      });
      expect(text((await send({ path: "/" })).body)).toBe("ready");
    });

    it("puts the root path in root_path and the rest in path", async () => {
      await start(
        scopeApp((scope) => [scope.root_path, scope.path]),
        { rootPath: "/api/v1" },
      );
      const response = await send({ path: "/items/a%20b" });
      expect(JSON.parse(text(response.body))).toEqual(["/api/v1", "/items/a b"]);
    });

    it("passes the query string raw, and decodes only the path", async () => {
      await start(scopeApp((scope) => [scope.path, scope.raw_path, scope.query_string]));
      const response = await send({ path: "/caf%C3%A9?q=a%20b&q=c+d&flag&e=%E2%82%AC" });
      expect(JSON.parse(text(response.body))).toEqual([
        "/café",
        "/caf%C3%A9",
        "q=a%20b&q=c+d&flag&e=%E2%82%AC",
      ]);
    });

    it("keeps repeated headers in order, both ways", async () => {
      await start(async (scope, _receive, s) => {
        if (scope.type !== "http") return;
        const mine = scope.headers.filter(([name]) => name.startsWith("x-"));
        await respond(s, 200, JSON.stringify(mine), [
          ["set-cookie", "a=1"],
          ["x-other", "o"],
          ["set-cookie", "b=2"],
        ]);
      });
      const response = await send({
        path: "/",
        headers: [
          ["X-Tag", "first"],
          ["x-solo", "s"],
          ["x-tag", "second"],
        ],
      });
      const seen: Array<[string, string]> = JSON.parse(text(response.body));
      // node-fetch groups a repeated name before sending, so only per-name order is compared.
      expect(values(seen, "x-tag")).toEqual(["first", "second"]);
      expect(values(seen, "x-solo")).toEqual(["s"]);
      expect(values(response.headers, "set-cookie")).toEqual(["a=1", "b=2"]);
      expect(values(response.headers, "x-other")).toEqual(["o"]);
    });

    it("yields http.disconnect once the response is complete", async () => {
      const after = deferred<ReceiveMessage>();
      await start(async (scope, receive, s) => {
        if (scope.type !== "http") return;
        await receive();
        await respond(s, 200, "done");
        after.resolve(await receive());
      });
      expect((await send({ path: "/" })).status).toBe(200);
      expect(await after.promise).toEqual({ type: "http.disconnect" });
    });
  });
}
