import { describe, expect, it } from "vitest";
import type { MatchResult, RouterOptions } from "../src/index";

/**
 * The contract every router implementation must meet (Hono's `common.case.test.ts` idea).
 * Route values are labels, so each assertion names the route it expects.
 */
export interface RouterUnderTest {
  add(
    methods: readonly string[],
    template: string,
    route: string,
    options?: { name?: string },
  ): void;
  mount(prefix: string, target: unknown, options?: { name?: string }): void;
  match(method: string, path: string): MatchResult<string>;
  redirectTarget(path: string): string | null;
}

type Declare = [methods: string[], template: string, label: string][];

/** What `match` answered, reduced to what a test compares. */
export function summary(result: MatchResult<string>): unknown {
  switch (result.kind) {
    case "full":
      return { full: result.route, params: { ...result.params } };
    case "partial":
      return { allow: [...result.allow] };
    case "mount":
      return { mount: result.target, rootPath: result.rootPath, path: result.path };
    default:
      return "none";
  }
}

export function runRouterCases(name: string, create: (options?: RouterOptions) => RouterUnderTest) {
  function routerWith(routes: Declare, options?: RouterOptions): RouterUnderTest {
    const router = create(options);
    for (const [methods, template, label] of routes) router.add(methods, template, label);
    return router;
  }
  const m = (router: RouterUnderTest, method: string, path: string) =>
    summary(router.match(method, path));

  describe(`${name}: static routes`, () => {
    const router = routerWith([
      [["GET"], "/", "root"],
      [["GET"], "/hello", "hello"],
      [["GET"], "/hello/world", "hello-world"],
      [["GET"], "/with space", "space"],
    ]);

    it("matches exact paths with empty params", () => {
      expect(m(router, "GET", "/")).toEqual({ full: "root", params: {} });
      expect(m(router, "GET", "/hello")).toEqual({ full: "hello", params: {} });
      expect(m(router, "GET", "/hello/world")).toEqual({ full: "hello-world", params: {} });
      expect(m(router, "GET", "/with space")).toEqual({ full: "space", params: {} });
    });

    it("is case-sensitive and exact about slashes", () => {
      expect(m(router, "GET", "/Hello")).toBe("none");
      expect(m(router, "GET", "/hello/")).toBe("none");
      expect(m(router, "GET", "//hello")).toBe("none");
      expect(m(router, "GET", "/hello/world/x")).toBe("none");
    });

    it("reports the declared methods and template of a full match", () => {
      const result = router.match("GET", "/hello");
      expect(result.kind === "full" && [result.methods, result.template]).toEqual([
        ["GET"],
        "/hello",
      ]);
    });

    it("answers none for paths that do not start with a slash", () => {
      expect(m(router, "GET", "")).toBe("none");
      expect(m(router, "OPTIONS", "*")).toBe("none");
    });
  });

  describe(`${name}: parameters`, () => {
    const router = routerWith([
      [["GET"], "/items/{item_id}", "item"],
      [["GET"], "/users/{uid}/posts/{pid}", "post"],
      [["GET"], "/colors/{color}/", "color-slash"],
    ]);

    it("captures one segment per parameter", () => {
      expect(m(router, "GET", "/items/5")).toEqual({ full: "item", params: { item_id: "5" } });
      expect(m(router, "GET", "/users/ada/posts/42")).toEqual({
        full: "post",
        params: { uid: "ada", pid: "42" },
      });
      expect(m(router, "GET", "/colors/red/")).toEqual({
        full: "color-slash",
        params: { color: "red" },
      });
    });

    it("takes the decoded text as is (spaces, unicode, dots)", () => {
      expect(m(router, "GET", "/items/my item.txt")).toEqual({
        full: "item",
        params: { item_id: "my item.txt" },
      });
      expect(m(router, "GET", "/items/é✓")).toEqual({ full: "item", params: { item_id: "é✓" } });
    });

    it("never matches an empty segment or a slash inside a parameter", () => {
      expect(m(router, "GET", "/items/")).toBe("none");
      expect(m(router, "GET", "/items")).toBe("none");
      // `/items/3%2F4` reaches the router decoded, as `/items/3/4`: a 404 (SPEC 1.7).
      expect(m(router, "GET", "/items/3/4")).toBe("none");
      expect(m(router, "GET", "/users//posts/1")).toBe("none");
      expect(m(router, "GET", "/colors/red")).toBe("none");
    });

    it("gives each route its own parameter names on a shared shape", () => {
      const r = routerWith([
        [["GET"], "/things/{id}", "get"],
        [["PUT"], "/things/{thing_id}", "put"],
      ]);
      expect(m(r, "GET", "/things/1")).toEqual({ full: "get", params: { id: "1" } });
      expect(m(r, "PUT", "/things/1")).toEqual({ full: "put", params: { thing_id: "1" } });
    });

    it("returns fresh params objects for each match", () => {
      const a = router.match("GET", "/items/1");
      const b = router.match("GET", "/items/2");
      expect(a.kind === "full" && a.params).toEqual({ item_id: "1" });
      expect(b.kind === "full" && b.params).toEqual({ item_id: "2" });
    });
  });

  describe(`${name}: catch-all`, () => {
    const router = routerWith([
      [["GET"], "/files/{file_path:path}", "files"],
      [["GET"], "/static/{name}", "static-one"],
      [["GET"], "/static/{rest:path}", "static-rest"],
      [["GET"], "/repo/{owner}/{tail:path}", "repo"],
    ]);

    it("takes the rest of the path, slashes included", () => {
      expect(m(router, "GET", "/files/a/b/c.txt")).toEqual({
        full: "files",
        params: { file_path: "a/b/c.txt" },
      });
      expect(m(router, "GET", "/files/my file.txt")).toEqual({
        full: "files",
        params: { file_path: "my file.txt" },
      });
      expect(m(router, "GET", "/repo/ada/src/x/")).toEqual({
        full: "repo",
        params: { owner: "ada", tail: "src/x/" },
      });
    });

    it("may be empty after the slash, like Starlette's `.*`, but needs the slash", () => {
      expect(m(router, "GET", "/files/")).toEqual({ full: "files", params: { file_path: "" } });
      expect(m(router, "GET", "/files")).toBe("none");
    });

    it("loses to a parameter on the same segment", () => {
      expect(m(router, "GET", "/static/x")).toEqual({ full: "static-one", params: { name: "x" } });
      expect(m(router, "GET", "/static/x/y")).toEqual({
        full: "static-rest",
        params: { rest: "x/y" },
      });
      expect(m(router, "GET", "/static/")).toEqual({ full: "static-rest", params: { rest: "" } });
    });

    it("at the root matches every path, `/` included", () => {
      const r = routerWith([
        [["GET"], "/{everything:path}", "all"],
        [["GET"], "/api/ping", "ping"],
      ]);
      expect(m(r, "GET", "/")).toEqual({ full: "all", params: { everything: "" } });
      expect(m(r, "GET", "/a/b")).toEqual({ full: "all", params: { everything: "a/b" } });
      expect(m(r, "GET", "/api/ping")).toEqual({ full: "ping", params: {} });
      expect(m(r, "GET", "/api/ping/")).toEqual({
        full: "all",
        params: { everything: "api/ping/" },
      });
    });
  });

  describe(`${name}: priority and backtracking`, () => {
    it("prefers a static route over a parameter, whatever the declaration order", () => {
      for (const order of [0, 1]) {
        const routes: Declare = [
          [["GET"], "/users/me", "me"],
          [["GET"], "/users/{user_id}", "user"],
        ];
        const r = routerWith(order === 0 ? routes : [...routes].reverse());
        expect(m(r, "GET", "/users/me")).toEqual({ full: "me", params: {} });
        expect(m(r, "GET", "/users/7")).toEqual({ full: "user", params: { user_id: "7" } });
      }
    });

    it("decides per segment, left to right", () => {
      const r = routerWith([
        [["GET"], "/{y}/b/c", "param-first"],
        [["GET"], "/a/{x}/c", "static-first"],
      ]);
      expect(m(r, "GET", "/a/b/c")).toEqual({ full: "static-first", params: { x: "b" } });
      expect(m(r, "GET", "/z/b/c")).toEqual({ full: "param-first", params: { y: "z" } });
    });

    it("backtracks out of a static branch that dead-ends", () => {
      const r = routerWith([
        [["GET"], "/a/b/{x}/d", "deep-static"],
        [["GET"], "/a/{y}/c/e", "param"],
        [["GET"], "/a/{y}/{z:path}", "rest"],
      ]);
      expect(m(r, "GET", "/a/b/c/d")).toEqual({ full: "deep-static", params: { x: "c" } });
      expect(m(r, "GET", "/a/b/c/e")).toEqual({ full: "param", params: { y: "b" } });
      expect(m(r, "GET", "/a/b/c/f")).toEqual({ full: "rest", params: { y: "b", z: "c/f" } });
    });

    it("backtracks for the method too: a full match anywhere beats a partial one", () => {
      const r = routerWith([
        [["GET"], "/users/me", "me"],
        [["DELETE"], "/users/{id}", "delete-user"],
      ]);
      expect(m(r, "DELETE", "/users/me")).toEqual({ full: "delete-user", params: { id: "me" } });
      const t = routerWith([
        [["POST"], "/a/{x}", "post-a"],
        [["GET"], "/{y}/b", "get-b"],
      ]);
      expect(m(t, "GET", "/a/b")).toEqual({ full: "get-b", params: { y: "a" } });
    });
  });

  describe(`${name}: 405 and Allow (SPEC 1.7)`, () => {
    const router = routerWith([
      [["GET"], "/items/{item_id}", "get-item"],
      [["PUT"], "/items/{id}", "put-item"],
      [["POST"], "/items", "create-item"],
      [["GET", "POST", "DELETE"], "/multi-method", "multi"],
    ]);

    it("lists the methods of the first route, in declaration order, whose path matched", () => {
      expect(m(router, "POST", "/items/5")).toEqual({ allow: ["GET"] });
      expect(m(router, "DELETE", "/items")).toEqual({ allow: ["POST"] });
      expect(m(router, "PATCH", "/multi-method")).toEqual({ allow: ["GET", "POST", "DELETE"] });
      expect(m(router, "OPTIONS", "/items/5")).toEqual({ allow: ["GET"] });
    });

    it("still matches the declared methods", () => {
      expect(m(router, "PUT", "/items/5")).toEqual({ full: "put-item", params: { id: "5" } });
      expect(m(router, "DELETE", "/multi-method")).toEqual({ full: "multi", params: {} });
    });

    it("compares declaration order across static and dynamic routes", () => {
      const dynamicFirst = routerWith([
        [["PUT"], "/things/{id}", "put"],
        [["GET"], "/things/new", "new"],
      ]);
      expect(m(dynamicFirst, "POST", "/things/new")).toEqual({ allow: ["PUT"] });
      const staticFirst = routerWith([
        [["GET"], "/things/new", "new"],
        [["PUT"], "/things/{id}", "put"],
      ]);
      expect(m(staticFirst, "POST", "/things/new")).toEqual({ allow: ["GET"] });
    });

    it("compares declaration order across branches of the tree", () => {
      const r = routerWith([
        [["PATCH"], "/{a}/x", "patch"],
        [["PUT"], "/p/{b}", "put"],
      ]);
      expect(m(r, "DELETE", "/p/x")).toEqual({ allow: ["PATCH"] });
    });

    it("normalises declared methods to upper case and drops repeats", () => {
      const r = routerWith([[["get", "GET", "post"], "/lower", "lower"]]);
      expect(m(r, "GET", "/lower")).toEqual({ full: "lower", params: {} });
      expect(m(r, "PUT", "/lower")).toEqual({ allow: ["GET", "POST"] });
    });
  });

  describe(`${name}: HEAD`, () => {
    it("is served by the GET route, and Allow never gains HEAD", () => {
      const r = routerWith([
        [["GET"], "/items/{id}", "get-item"],
        [["GET"], "/plain", "plain"],
        [["PUT"], "/put-only", "put-only"],
      ]);
      expect(m(r, "HEAD", "/items/3")).toEqual({ full: "get-item", params: { id: "3" } });
      expect(m(r, "HEAD", "/plain")).toEqual({ full: "plain", params: {} });
      expect(m(r, "HEAD", "/put-only")).toEqual({ allow: ["PUT"] });
      expect(m(r, "POST", "/items/3")).toEqual({ allow: ["GET"] });
    });

    it("goes to an explicit HEAD route when there is one, even on a less specific path", () => {
      const r = routerWith([
        [["GET"], "/h", "get-h"],
        [["HEAD"], "/h", "head-h"],
        [["GET"], "/doc/me", "get-me"],
        [["HEAD"], "/doc/{x}", "head-doc"],
        [["GET", "HEAD"], "/headable", "headable"],
      ]);
      expect(m(r, "HEAD", "/h")).toEqual({ full: "head-h", params: {} });
      expect(m(r, "HEAD", "/doc/me")).toEqual({ full: "head-doc", params: { x: "me" } });
      expect(m(r, "HEAD", "/headable")).toEqual({ full: "headable", params: {} });
      expect(m(r, "POST", "/headable")).toEqual({ allow: ["GET", "HEAD"] });
    });
  });

  describe(`${name}: trailing-slash redirect targets`, () => {
    const router = routerWith([
      [["GET"], "/slash/", "with-slash"],
      [["GET"], "/noslash", "without-slash"],
      [["POST"], "/post-only/", "post-only"],
      [["GET"], "/v1/inventory/", "inventory"],
      [["GET"], "/v1/inventory/{sku}", "sku"],
      [["GET"], "/files/{p:path}", "files"],
    ]);

    it("flips the trailing slash when only the other form matches (SPEC 1.7)", () => {
      expect(router.redirectTarget("/slash")).toBe("/slash/");
      expect(router.redirectTarget("/noslash/")).toBe("/noslash");
      expect(router.redirectTarget("/v1/inventory")).toBe("/v1/inventory/");
      expect(router.redirectTarget("/v1/inventory/abc/")).toBe("/v1/inventory/abc");
      expect(router.redirectTarget("/files")).toBe("/files/");
    });

    it("redirects to a path that matches with another method only", () => {
      expect(router.redirectTarget("/post-only")).toBe("/post-only/");
    });

    it("strips every trailing slash, like Python's rstrip", () => {
      expect(router.redirectTarget("/noslash///")).toBe("/noslash");
    });

    it("never redirects `/`, a path that already matches, or to nothing", () => {
      expect(router.redirectTarget("/")).toBeNull();
      expect(router.redirectTarget("//")).toBeNull();
      expect(router.redirectTarget("/slash/")).toBeNull();
      expect(router.redirectTarget("/nothing")).toBeNull();
      expect(router.redirectTarget("/nothing/")).toBeNull();
      expect(router.redirectTarget("relative")).toBeNull();
    });

    it("never redirects `/` even when a route would match the flip", () => {
      const r = routerWith([[["GET"], "//", "double"]]);
      expect(r.redirectTarget("/")).toBeNull();
    });

    it("can be switched off", () => {
      const r = routerWith([[["GET"], "/slash/", "with-slash"]], { redirectSlashes: false });
      expect(r.redirectTarget("/slash")).toBeNull();
    });
  });

  describe(`${name}: mounts`, () => {
    const app = { app: "static" };

    it("takes the prefix itself and everything under prefix/", () => {
      const r = create();
      r.mount("/static", "static-app");
      expect(m(r, "GET", "/static")).toEqual({
        mount: "static-app",
        rootPath: "/static",
        path: "/",
      });
      expect(m(r, "GET", "/static/")).toEqual({
        mount: "static-app",
        rootPath: "/static",
        path: "/",
      });
      expect(m(r, "POST", "/static/css/a b.css")).toEqual({
        mount: "static-app",
        rootPath: "/static",
        path: "/css/a b.css",
      });
      expect(m(r, "GET", "/staticx")).toBe("none");
      expect(m(r, "GET", "/stati")).toBe("none");
    });

    it("hands the target back untouched", () => {
      const r = create();
      r.mount("/s", app);
      const result = r.match("GET", "/s/x");
      expect(result.kind === "mount" && result.target).toBe(app);
    });

    it("at `/` takes every path with an empty root path", () => {
      const r = create();
      r.mount("/", "root-app");
      expect(m(r, "GET", "/")).toEqual({ mount: "root-app", rootPath: "", path: "/" });
      expect(m(r, "GET", "/a/b")).toEqual({ mount: "root-app", rootPath: "", path: "/a/b" });
    });

    it("normalises a trailing slash in the prefix", () => {
      const r = create();
      r.mount("/sub/", "sub");
      expect(m(r, "GET", "/sub/x")).toEqual({ mount: "sub", rootPath: "/sub", path: "/x" });
    });

    it("follows declaration order with routes (Starlette): earlier routes win", () => {
      const r = create();
      r.add(["GET"], "/static/special", "special");
      r.add(["GET"], "/{page}", "page");
      r.mount("/static", "static-app");
      r.add(["GET"], "/about", "about");
      expect(m(r, "GET", "/static/special")).toEqual({ full: "special", params: {} });
      expect(m(r, "GET", "/static")).toEqual({ full: "page", params: { page: "static" } });
      expect(m(r, "GET", "/static/other")).toEqual({
        mount: "static-app",
        rootPath: "/static",
        path: "/other",
      });
      // A path match with the wrong method loses to the mount, as in Starlette.
      expect(m(r, "POST", "/static/special")).toEqual({
        mount: "static-app",
        rootPath: "/static",
        path: "/special",
      });
      expect(m(r, "GET", "/about")).toEqual({ full: "about", params: {} });
      expect(m(r, "HEAD", "/about")).toEqual({ full: "about", params: {} });
    });

    it("lets a mount declared first win over a later route it overlaps", () => {
      const r = create();
      r.mount("/api", "api-app");
      r.add(["GET"], "/{section}/{rest:path}", "catch");
      expect(m(r, "GET", "/api/x")).toEqual({ mount: "api-app", rootPath: "/api", path: "/x" });
      expect(m(r, "GET", "/web/x")).toEqual({
        full: "catch",
        params: { section: "web", rest: "x" },
      });
    });

    it("counts for redirect targets", () => {
      const r = create();
      r.add(["GET"], "/page/", "page");
      r.mount("/docs", "docs-app");
      expect(r.redirectTarget("/page")).toBe("/page/");
      expect(r.redirectTarget("/docs/")).toBeNull();
    });
  });
}
