import { describe, expect, it } from "vitest";
import { RouteGroup, Router } from "../src/index";
import { summary } from "./common.case";

type Opts = { tags: string[] };

/** What the umbrella does at startup: flatten the app's group once and feed the Router. */
function buildRouter(app: RouteGroup<string, Opts>): Router<{ label: string; tags: string[] }> {
  const router = new Router<{ label: string; tags: string[] }>();
  for (const item of app.items()) {
    const name = item.name === undefined ? {} : { name: item.name };
    if (item.kind === "mount") {
      router.mount(item.path, item.target, name);
    } else {
      const tags = item.chain.flatMap((o) => o.tags);
      router.add(item.methods, item.path, { label: item.route, tags }, name);
    }
  }
  return router;
}

function label(router: Router<{ label: string; tags: string[] }>, method: string, path: string) {
  const result = router.match(method, path);
  return result.kind === "full"
    ? { label: result.route.label, tags: result.route.tags, params: result.params }
    : summary(result as never);
}

describe("groups feeding a Router (apps/reference/SPEC.md §2.10)", () => {
  const inventory = new RouteGroup<string, Opts>({ options: { tags: ["inventory"] } })
    .add({ methods: ["GET"], path: "/", route: "list", name: "list" })
    .add({ methods: ["GET"], path: "/{sku}", route: "sku", name: "sku" });
  const orders = new RouteGroup<string, Opts>({ prefix: "/orders" }).add({
    methods: ["GET"],
    path: "/{order_id}",
    route: "order",
  });
  const shop = new RouteGroup<string, Opts>({ prefix: "/shop" }).include(orders);
  const admin = new RouteGroup<string, Opts>({ prefix: "/admin", options: { tags: ["admin"] } })
    .add({ methods: ["GET"], path: "/stats", route: "stats" })
    .add({ methods: ["POST"], path: "/echo", route: "echo" });
  const app = new RouteGroup<string, Opts>()
    .add({ methods: ["GET"], path: "/", route: "root" })
    .include(admin)
    .include(inventory, { prefix: "/v1/inventory", name: "v1" })
    .include(inventory, { prefix: "/v2/inventory", name: "v2", options: { tags: ["v2"] } })
    .include(shop)
    .mount("/static", "static-app");
  const router = buildRouter(app);

  it("serves an included group under both prefixes with its own tags each time", () => {
    expect(label(router, "GET", "/v1/inventory/")).toEqual({
      label: "list",
      tags: ["inventory"],
      params: {},
    });
    expect(label(router, "GET", "/v2/inventory/abc")).toEqual({
      label: "sku",
      tags: ["v2", "inventory"],
      params: { sku: "abc" },
    });
  });

  it("redirects the prefix without its slash to the group's `/` route", () => {
    expect(router.match("GET", "/v1/inventory").kind).toBe("none");
    expect(router.redirectTarget("/v1/inventory")).toBe("/v1/inventory/");
  });

  it("serves nested groups and router-level options", () => {
    expect(label(router, "GET", "/shop/orders/4")).toEqual({
      label: "order",
      tags: [],
      params: { order_id: "4" },
    });
    expect(label(router, "GET", "/admin/stats")).toEqual({
      label: "stats",
      tags: ["admin"],
      params: {},
    });
    expect(label(router, "GET", "/admin/echo")).toEqual({ allow: ["POST"] });
  });

  it("keeps include-namespaced names apart for urlFor", () => {
    expect(router.urlFor("v1:sku", { sku: "a b" })).toBe("/v1/inventory/a%20b");
    expect(router.urlFor("v2:list")).toBe("/v2/inventory/");
  });

  it("registers the group's mounts", () => {
    expect(label(router, "GET", "/static/x.css")).toEqual({
      mount: "static-app",
      rootPath: "/static",
      path: "/x.css",
    });
  });

  it("reports a route declared twice through two includes as a conflict", () => {
    const twice = new RouteGroup<string, Opts>().include(orders).include(orders);
    expect(() => buildRouter(twice)).toThrow(/conflicts with GET \/orders\/\{order_id\}/);
    const named = new RouteGroup<string, Opts>()
      .include(inventory)
      .include(inventory, { prefix: "/b" });
    expect(() => buildRouter(named)).toThrow('Route name "list" is used twice');
  });
});
