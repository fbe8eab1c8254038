import type { Middleware, ServerApp } from "@typhoon/server";
import { describe, expectTypeOf, it } from "vitest";
import type { Request } from "../http/request";
import { PlainTextResponse } from "../http/responses";
import type { CapturedResponse } from "./captured-response";
import { gzip } from "./compression/compression";
import { cors } from "./cors";
import { type CallNext, httpMiddleware } from "./http-middleware";

describe("httpMiddleware types", () => {
  it("gives the function a Request and a callNext resolving to the captured response", () => {
    httpMiddleware(async (request, callNext) => {
      expectTypeOf(request).toEqualTypeOf<Request>();
      expectTypeOf(callNext).toEqualTypeOf<CallNext>();
      const response = await callNext(request);
      expectTypeOf(response).toEqualTypeOf<CapturedResponse>();
      expectTypeOf(response.chunks()).toMatchTypeOf<AsyncIterable<Uint8Array>>();
      return response;
    });
  });

  it("accepts a synchronous function returning any Response", () => {
    httpMiddleware(() => new PlainTextResponse("ok"));
  });

  it("refuses a function that returns something else", () => {
    // @ts-expect-error a plain object is not a Response
    httpMiddleware(() => ({ status: 200 }));
  });

  it("every built-in is a Middleware: app in, app out", () => {
    expectTypeOf(httpMiddleware((r, next) => next(r))).toEqualTypeOf<Middleware>();
    expectTypeOf(cors()).toEqualTypeOf<Middleware>();
    expectTypeOf(gzip()(async () => {})).toEqualTypeOf<ServerApp>();
  });
});
