import { describe, expect, it } from "vitest";
import { type CreateRouter, type Declare, harness } from "./harness";

/** Static routes, parameters, catch-alls, priority and backtracking. */
export function pathCases(name: string, create: CreateRouter) {
  const { routerWith, m } = harness(create);

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
      // `/items/3%2F4` reaches the router decoded, as `/items/3/4`: a 404
      // (apps/reference/SPEC.md §1.7).
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
}
