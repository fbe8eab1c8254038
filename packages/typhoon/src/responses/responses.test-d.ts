import { Readable } from "node:stream";
import type { ServerApp } from "@typhoon/server";
import { describe, expectTypeOf, it } from "vitest";
import type { Response } from "../http/responses";
import { StaticFiles } from "../staticfiles";
import { EventSourceResponse, FileResponse, StreamingResponse } from "./index";

describe("response types", () => {
  it("are Responses a handler may return", () => {
    expectTypeOf(new StreamingResponse([])).toExtend<Response>();
    expectTypeOf(new EventSourceResponse([])).toExtend<Response>();
    expectTypeOf(new FileResponse("a.txt")).toExtend<Response>();
  });

  it("accept the stream sources they document", () => {
    async function* text() {
      yield "a";
    }
    async function* events() {
      yield { event: "e", data: { any: "json" }, id: 1 };
      yield "plain data";
    }
    expectTypeOf(StreamingResponse).toBeConstructibleWith(text());
    expectTypeOf(StreamingResponse).toBeConstructibleWith([new Uint8Array(1), "x"]);
    expectTypeOf(StreamingResponse).toBeConstructibleWith(Readable.from(["x"]));
    expectTypeOf(StreamingResponse).toBeConstructibleWith(new ReadableStream<string>());
    expectTypeOf(EventSourceResponse).toBeConstructibleWith(events(), { ping: 1000 });
    // @ts-expect-error numbers are not chunks
    new StreamingResponse([1, 2]);
    // @ts-expect-error an event id is a string or a number
    new EventSourceResponse([{ id: { nested: true } }]);
  });

  it("are apps: respond(scope, receive, send) has the ServerApp shape", () => {
    expectTypeOf<FileResponse["respond"]>().toExtend<ServerApp>();
    expectTypeOf<StreamingResponse["respond"]>().toExtend<ServerApp>();
  });

  it("gives StaticFiles a serverApp to mount", () => {
    const files = new StaticFiles({ directory: ".", checkDir: false });
    expectTypeOf(files.serverApp).toEqualTypeOf<ServerApp>();
  });
});
