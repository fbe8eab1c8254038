import { describe, expectTypeOf, it } from "vitest";
import type {
  HttpResponse,
  HttpStreamResponse,
  InProcessWebSocket,
  WebSocketEvent,
} from "../../src/inprocess/index";
import { httpRequest, httpStream, websocketConnect } from "../../src/inprocess/index";
import type { Headers, ServerApp } from "../../src/types";

declare const app: ServerApp;

describe("in-process transport types", () => {
  it("returns plain response shapes", () => {
    expectTypeOf(httpRequest(app, { path: "/" })).toEqualTypeOf<Promise<HttpResponse>>();
    expectTypeOf<HttpResponse["headers"]>().toEqualTypeOf<Headers>();
    expectTypeOf<HttpResponse["body"]>().toEqualTypeOf<Uint8Array>();
    expectTypeOf(httpStream(app, { path: "/" })).toEqualTypeOf<Promise<HttpStreamResponse>>();
    expectTypeOf<HttpStreamResponse["body"]>().toEqualTypeOf<AsyncIterable<Uint8Array>>();
  });

  it("accepts every documented body and header form", () => {
    async function* chunks() {
      yield new Uint8Array(1);
      yield "text";
    }
    httpRequest(app, { path: "/", body: "s", headers: { a: "1", b: ["2", "3"] } });
    httpRequest(app, { path: "/", body: new Uint8Array(1), headers: [["a", "1"]] });
    httpRequest(app, { path: "/", body: chunks(), query: { q: ["a", 1, true] } });
    // @ts-expect-error a number is not a body
    httpRequest(app, { path: "/", body: 42 });
    // @ts-expect-error path is required
    httpRequest(app, {});
  });

  it("narrows WebSocket events by type and text/bytes", () => {
    expectTypeOf(websocketConnect(app, { path: "/" })).toEqualTypeOf<Promise<InProcessWebSocket>>();
    const event = {} as WebSocketEvent;
    if (event.type === "websocket.close") {
      expectTypeOf(event.code).toEqualTypeOf<number>();
    } else if (event.text !== undefined) {
      expectTypeOf(event.text).toEqualTypeOf<string>();
    } else {
      expectTypeOf(event.bytes).toEqualTypeOf<Uint8Array>();
    }
    expectTypeOf<InProcessWebSocket["receiveJson"]>().returns.toEqualTypeOf<Promise<unknown>>();
  });
});
