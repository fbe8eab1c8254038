import * as v from "valibot";
import { describe, expectTypeOf, it } from "vitest";
import {
  type ApiDescription,
  buildOpenAPI,
  type OpenAPIDocument,
  type OperationDescription,
  type ScalarHtmlOptions,
  scalarHtml,
} from "./index";

describe("public types", () => {
  it("buildOpenAPI takes a description and returns a 3.1 document", () => {
    expectTypeOf(buildOpenAPI).parameter(0).toEqualTypeOf<ApiDescription>();
    expectTypeOf(buildOpenAPI).returns.toEqualTypeOf<OpenAPIDocument>();
    expectTypeOf<OpenAPIDocument["openapi"]>().toEqualTypeOf<"3.1.0">();
  });

  it("operations take valibot schemas and FastAPI-like fields", () => {
    const op: OperationDescription = {
      method: "get",
      path: "/items/{id}",
      name: "read_item",
      parameters: [{ in: "path", name: "id", schema: v.number() }],
      responses: [{ status: "4XX" }, { status: 200, schema: v.string(), mediaType: null }],
      extensions: { "x-internal": true },
    };
    expectTypeOf(op.method).toEqualTypeOf<OperationDescription["method"]>();
    // @ts-expect-error: not an HTTP method
    const bad: OperationDescription = { method: "FETCH", path: "/", name: "x" };
    // @ts-expect-error: extensions start with x-
    const ext: OperationDescription = { ...op, extensions: { internal: true } };
    const where: OperationDescription = {
      ...op,
      // @ts-expect-error: parameters live in path, query, header or cookie
      parameters: [{ in: "body", name: "b", schema: v.string() }],
    };
    void [bad, ext, where];
  });

  it("scalarHtml needs the title and both URLs; themes are Scalar's", () => {
    expectTypeOf(scalarHtml).returns.toEqualTypeOf<string>();
    // @ts-expect-error: scriptUrl is required
    const missing: ScalarHtmlOptions = { title: "t", openapiUrl: "/o" };
    const theme: ScalarHtmlOptions = {
      title: "t",
      openapiUrl: "/o",
      scriptUrl: "/s",
      // @ts-expect-error: not a Scalar theme
      theme: "neon",
    };
    void [missing, theme];
  });
});
