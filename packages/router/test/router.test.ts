import { describe, expect, it } from "vitest";
import {
  InvalidTemplateError,
  isRouterError,
  RouteConflictError,
  Router,
  RouterError,
} from "../src/index";
import { runRouterCases, summary } from "./common.case";

runRouterCases("Router", (options) => new Router<string>(options));

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (isRouterError(error)) return error.code;
    throw error;
  }
  return undefined;
}

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected a throw");
}

describe("Router: conflicts", () => {
  it("refuses the same template and method twice, naming both templates", () => {
    const router = new Router<string>();
    router.add(["GET"], "/a/{x}", "first");
    const add = () => router.add(["GET"], "/a/{y}", "second");
    expect(add).toThrow(RouteConflictError);
    expect(codeOf(add)).toBe("ROUTE_CONFLICT");
    expect(messageOf(add)).toContain("/a/{x}");
    expect(messageOf(add)).toContain("/a/{y}");
  });

  it("refuses overlapping method sets and duplicate static routes", () => {
    const router = new Router<string>();
    router.add(["GET", "POST"], "/items", "list");
    expect(codeOf(() => router.add(["post"], "/items", "again"))).toBe("ROUTE_CONFLICT");
    router.add(["DELETE"], "/items", "delete");
    expect(summary(router.match("DELETE", "/items"))).toEqual({ full: "delete", params: {} });
  });

  it("refuses two catch-alls at the same place", () => {
    const router = new Router<string>();
    router.add(["GET"], "/files/{a:path}", "a");
    expect(codeOf(() => router.add(["GET"], "/files/{b:path}", "b"))).toBe("ROUTE_CONFLICT");
    router.add(["PUT"], "/files/{b:path}", "put");
    expect(summary(router.match("PUT", "/files/x/y"))).toEqual({
      full: "put",
      params: { b: "x/y" },
    });
  });

  it("refuses duplicate names, across routes and mounts", () => {
    const router = new Router<string>();
    router.add(["GET"], "/a", "a", { name: "thing" });
    const again = () => router.add(["GET"], "/b", "b", { name: "thing" });
    expect(codeOf(again)).toBe("ROUTE_NAME_CONFLICT");
    expect(messageOf(again)).toContain("/a");
    expect(codeOf(() => router.mount("/m", "m", { name: "thing" }))).toBe("ROUTE_NAME_CONFLICT");
    router.mount("/s", "s", { name: "static" });
    expect(codeOf(() => router.add(["GET"], "/c", "c", { name: "static" }))).toBe(
      "ROUTE_NAME_CONFLICT",
    );
  });

  it("leaves no trace of a refused route", () => {
    const router = new Router<string>();
    router.add(["GET"], "/a", "a", { name: "a" });
    expect(() => router.add(["GET"], "/b", "b", { name: "a" })).toThrow();
    expect(router.match("GET", "/b").kind).toBe("none");
    router.add(["GET"], "/x/{id}", "x");
    expect(() => router.add(["GET"], "/x/{other}", "dup", { name: "dup" })).toThrow();
    router.add(["POST"], "/y", "y", { name: "dup" });
    expect(router.urlFor("dup")).toBe("/y");
    expect([...router.routes()].map((r) => r.route)).toEqual(["a", "x", "y"]);
  });

  it("refuses routes and mounts an earlier mount would hide", () => {
    const router = new Router<string>();
    router.mount("/static", "static");
    const hidden = () => router.add(["GET"], "/static/{name}", "hidden");
    expect(codeOf(hidden)).toBe("ROUTE_CONFLICT");
    expect(messageOf(hidden)).toContain("/static");
    expect(codeOf(() => router.add(["GET"], "/static", "exact"))).toBe("ROUTE_CONFLICT");
    expect(codeOf(() => router.mount("/static/img", "img"))).toBe("ROUTE_CONFLICT");
    expect(codeOf(() => router.mount("/static", "again"))).toBe("ROUTE_CONFLICT");
    router.add(["GET"], "/staticky", "fine");
    expect(summary(router.match("GET", "/staticky"))).toEqual({ full: "fine", params: {} });

    const root = new Router<string>();
    root.mount("/", "everything");
    expect(codeOf(() => root.add(["GET"], "/anything", "hidden"))).toBe("ROUTE_CONFLICT");
    expect(codeOf(() => root.mount("/other", "hidden"))).toBe("ROUTE_CONFLICT");
  });
});

describe("Router: bad input", () => {
  it.each([
    ["", "must start with"],
    ["items", "must start with"],
    ["/a/{", "unbalanced"],
    ["/a/}", "unbalanced"],
    ["/a/{x}}", "unbalanced"],
    ["/a/{{x}}", "unbalanced"],
    ["/a/{}", "empty parameter"],
    ["/a/{1x}", "must match"],
    ["/a/{x-y}", "must match"],
    ["/a/{x}/{x}", "appears twice"],
    ["/a/{p:path}/b", "must be the last"],
    ["/a/{x:int}", 'unknown convertor "int"'],
    ["/a{x}", "whole path segment"],
    ["/a/{x}.json", "whole path segment"],
    ["/a/{x}{y}", "unbalanced"],
    ["/bad\uD800", "well-formed"],
  ])("refuses the template %j (%s)", (template, reason) => {
    const router = new Router<string>();
    const add = () => router.add(["GET"], template, "bad");
    expect(add).toThrow(InvalidTemplateError);
    expect(codeOf(add)).toBe("INVALID_TEMPLATE");
    expect(messageOf(add)).toContain(reason);
    expect(messageOf(add)).toContain(JSON.stringify(template));
  });

  it.each([[[]], [[""]], [["GE T"]], [["GET", 5]]])("refuses the methods %j", (methods) => {
    const router = new Router<string>();
    const add = () => router.add(methods as string[], "/x", "bad");
    expect(add).toThrow(RouterError);
    expect(codeOf(add)).toBe("INVALID_ROUTE");
  });

  it("refuses mount prefixes with parameters or without a leading slash", () => {
    const router = new Router<string>();
    expect(codeOf(() => router.mount("/users/{id}", "x"))).toBe("INVALID_TEMPLATE");
    expect(codeOf(() => router.mount("static", "x"))).toBe("INVALID_TEMPLATE");
  });
});

describe("Router: urlFor", () => {
  const router = new Router<string>();
  router.add(["GET"], "/items/{item_id}", "item", { name: "read_item" });
  router.add(["GET"], "/files/{file_path:path}", "files", { name: "files" });
  router.add(["GET"], "/hello", "hello", { name: "hello" });
  router.add(["GET"], "/odd name/{x}", "odd", { name: "odd" });
  router.add(["GET"], "/users/{uid}/posts/{pid}", "post", { name: "post" });
  router.mount("/static", "static-app", { name: "static" });

  it("fills and percent-encodes parameters", () => {
    expect(router.urlFor("read_item", { item_id: 5 })).toBe("/items/5");
    expect(router.urlFor("read_item", { item_id: "a b/c?d#e" })).toBe("/items/a%20b%2Fc%3Fd%23e");
    expect(router.urlFor("post", { uid: "ada", pid: 7 })).toBe("/users/ada/posts/7");
    expect(router.urlFor("hello")).toBe("/hello");
    expect(router.urlFor("odd", { x: "é" })).toBe("/odd%20name/%C3%A9");
  });

  it("keeps the slashes of a catch-all, and allows it empty", () => {
    expect(router.urlFor("files", { file_path: "dir/my file.txt" })).toBe(
      "/files/dir/my%20file.txt",
    );
    expect(router.urlFor("files", { file_path: "" })).toBe("/files/");
  });

  it("builds paths that match back to the same params once decoded", () => {
    for (const value of ["plain", "with space", "ünï", "a+b", "100%", "x;y=z"]) {
      const url = router.urlFor("read_item", { item_id: value });
      expect(summary(router.match("GET", decodeURIComponent(url)))).toEqual({
        full: "item",
        params: { item_id: value },
      });
    }
    const url = router.urlFor("files", { file_path: "a b/c%d/e" });
    expect(summary(router.match("GET", decodeURIComponent(url)))).toEqual({
      full: "files",
      params: { file_path: "a b/c%d/e" },
    });
  });

  it("builds mount paths from `path`", () => {
    expect(router.urlFor("static", { path: "/css/a b.css" })).toBe("/static/css/a%20b.css");
    expect(router.urlFor("static", { path: "img/x.png" })).toBe("/static/img/x.png");
    expect(router.urlFor("static")).toBe("/static/");
  });

  it("throws on unknown names and on params that do not fit", () => {
    expect(codeOf(() => router.urlFor("nope"))).toBe("URL_FOR_UNKNOWN_NAME");
    expect(messageOf(() => router.urlFor("nope"))).toContain('"nope"');
    const cases: [string, Record<string, string | number>][] = [
      ["read_item", {}],
      ["read_item", { item_id: "" }],
      ["read_item", { item_id: 1, q: "x" }],
      ["read_item", { item_id: Number.NaN }],
      ["read_item", { item_id: "\uD800" }],
      ["files", { file_path: "a/\uDC00" }],
      ["static", { other: "x" }],
      ["static", { path: Number.POSITIVE_INFINITY }],
    ];
    for (const [name, params] of cases) {
      expect(
        codeOf(() => router.urlFor(name, params)),
        JSON.stringify(params),
      ).toBe("URL_FOR_BAD_PARAMS");
    }
    expect(messageOf(() => router.urlFor("read_item", {}))).toContain(
      'missing parameter "item_id"',
    );
  });

  it("does not read inherited keys as params", () => {
    const params = Object.create({ item_id: "inherited" }) as Record<string, string>;
    expect(codeOf(() => router.urlFor("read_item", params))).toBe("URL_FOR_BAD_PARAMS");
  });
});

describe("Router: listing", () => {
  it("lists routes and mounts in declaration order", () => {
    const router = new Router<string>();
    router.add(["get"], "/a", "a", { name: "a" });
    router.add(["POST", "PUT"], "/b/{id}", "b");
    router.mount("/", "root");
    expect([...router.routes()]).toEqual([
      { methods: ["GET"], template: "/a", name: "a", route: "a" },
      { methods: ["POST", "PUT"], template: "/b/{id}", route: "b" },
    ]);
    expect([...router.mounts()]).toEqual([{ prefix: "/", target: "root" }]);
    const named = new Router<string>();
    named.mount("/s", "s", { name: "s" });
    expect([...named.mounts()]).toEqual([{ prefix: "/s", target: "s", name: "s" }]);
  });
});

describe("errors", () => {
  it("carry a stable code and their class name", () => {
    const error = new RouteConflictError("ROUTE_CONFLICT", "x");
    expect(error).toBeInstanceOf(RouterError);
    expect(error.name).toBe("RouteConflictError");
    expect(isRouterError(error)).toBe(true);
    expect(isRouterError(new Error("x"))).toBe(false);
    expect(new InvalidTemplateError("/x", "why").template).toBe("/x");
  });
});

describe("path parameter values", () => {
  it("come back as own plain keys in template order, whatever their names", () => {
    const router = new Router<string>();
    router.add(["GET"], "/a/{x}/b/{y_2}", "two");
    router.add(["GET"], "/p/{__proto__}/{constructor}", "odd");
    const two = router.match("GET", "/a/1/b/2");
    expect(two.kind === "full" && Object.entries(two.params)).toEqual([
      ["x", "1"],
      ["y_2", "2"],
    ]);
    const odd = router.match("GET", "/p/v1/v2");
    if (odd.kind !== "full") throw new Error("expected a full match");
    expect(Object.keys(odd.params)).toEqual(["__proto__", "constructor"]);
    expect(Object.getOwnPropertyDescriptor(odd.params, "__proto__")?.value).toBe("v1");
    expect(odd.params.constructor).toBe("v2");
    expect(Object.getPrototypeOf(odd.params)).toBe(Object.prototype);
  });

  it("are a fresh object per match", () => {
    const router = new Router<string>();
    router.add(["GET"], "/items/{id}", "item");
    const first = router.match("GET", "/items/1");
    const second = router.match("GET", "/items/2");
    if (first.kind !== "full" || second.kind !== "full") throw new Error("expected full matches");
    expect(first.params).toEqual({ id: "1" });
    expect(second.params).toEqual({ id: "2" });
  });
});
