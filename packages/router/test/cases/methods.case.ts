import { describe, expect, it } from "vitest";
import { type CreateRouter, harness } from "./harness";

/** 405 and Allow, HEAD, trailing-slash redirect targets and mounts. */
export function methodAndMountCases(name: string, create: CreateRouter) {
  const { routerWith, m } = harness(create);

  describe(`${name}: 405 and Allow (apps/reference/SPEC.md §1.7)`, () => {
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

    it("flips the trailing slash when only the other form matches (apps/reference/SPEC.md §1.7)", () => {
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
