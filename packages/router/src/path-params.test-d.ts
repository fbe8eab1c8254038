import { describe, expectTypeOf, it } from "vitest";
import type { PathParamNames } from "./path-params";

describe("PathParamNames", () => {
  it("extracts every parameter name, catch-all included", () => {
    expectTypeOf<PathParamNames<"/a/{x}/b/{rest:path}">>().toEqualTypeOf<"x" | "rest">();
    expectTypeOf<PathParamNames<"/items/{item_id}">>().toEqualTypeOf<"item_id">();
    expectTypeOf<PathParamNames<"/{a}/{b}/{c}">>().toEqualTypeOf<"a" | "b" | "c">();
    expectTypeOf<PathParamNames<"/files/{file_path:path}">>().toEqualTypeOf<"file_path">();
  });

  it("gives never for a template without parameters", () => {
    expectTypeOf<PathParamNames<"/hello">>().toBeNever();
    expectTypeOf<PathParamNames<"/">>().toBeNever();
  });

  it("gives string when the template is only known as string", () => {
    expectTypeOf<PathParamNames<string>>().toEqualTypeOf<string>();
  });

  it("can type a params record", () => {
    type Params = Record<PathParamNames<"/users/{uid}/posts/{pid}">, string>;
    expectTypeOf<Params>().toEqualTypeOf<{ uid: string; pid: string }>();
  });
});
