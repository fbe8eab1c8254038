import { describe, expect, it } from "vitest";
import { isRouterError } from "./errors";
import { type FlatItem, RouteGroup } from "./group";

type Opts = { tag: string };
const group = (init: { prefix?: string; options?: Opts } = {}) =>
  new RouteGroup<string, Opts>(init);
const route = (path: string, label: string, name?: string) =>
  name === undefined
    ? { methods: ["GET"], path, route: label }
    : { methods: ["GET"], path, route: label, name };

/** Path, label and option tags of each flattened item: what the app will register. */
function flat(items: FlatItem<string, Opts>[]) {
  return items.map((item) => ({
    path: item.path,
    what: item.kind === "route" ? item.route : `mount:${String(item.target)}`,
    tags: item.chain.map((o) => o.tag),
    ...(item.name === undefined ? {} : { name: item.name }),
  }));
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (isRouterError(error)) return error.code;
    throw error;
  }
  return undefined;
}

describe("RouteGroup: paths", () => {
  it("joins prefixes as FastAPI does: `/items` + `/` is `/items/`, + `` is `/items`", () => {
    const items = group({ prefix: "/items" })
      .add(route("/", "slash"))
      .add(route("", "bare"))
      .add(route("/{item_id}", "one"));
    expect(items.entries().map((e) => e.path)).toEqual(["/items/", "/items", "/items/{item_id}"]);
  });

  it("adds the include prefix before the group's own prefix", () => {
    const orders = group({ prefix: "/orders" }).add(route("/{order_id}", "order"));
    const app = group().include(orders, { prefix: "/shop" });
    expect(app.entries().map((e) => e.path)).toEqual(["/shop/orders/{order_id}"]);
  });

  it("keeps methods and route values untouched", () => {
    const g = group().add({ methods: ["GET", "POST"], path: "/x", route: "x" });
    const [entry] = g.entries();
    expect(entry).toEqual({
      kind: "route",
      methods: ["GET", "POST"],
      path: "/x",
      route: "x",
      chain: [],
    });
  });

  it("accepts parameters in prefixes", () => {
    const posts = group({ prefix: "/users/{user_id}/posts" }).add(route("/{post_id}", "post"));
    expect(posts.entries()[0]?.path).toBe("/users/{user_id}/posts/{post_id}");
  });
});

describe("RouteGroup: includes and option chains", () => {
  it("includes a child twice under different prefixes, each with its own chain", () => {
    const inventory = group({ options: { tag: "inventory" } })
      .add(route("/", "list"))
      .add(route("/{sku}", "sku"));
    const app = group()
      .include(inventory, { prefix: "/v1/inventory" })
      .include(inventory, { prefix: "/v2/inventory", options: { tag: "v2" } });
    expect(flat(app.items())).toEqual([
      { path: "/v1/inventory/", what: "list", tags: ["inventory"] },
      { path: "/v1/inventory/{sku}", what: "sku", tags: ["inventory"] },
      { path: "/v2/inventory/", what: "list", tags: ["v2", "inventory"] },
      { path: "/v2/inventory/{sku}", what: "sku", tags: ["v2", "inventory"] },
    ]);
  });

  it("orders the chain outermost first: include options, then the group's own, at every level", () => {
    const leaf = group({ prefix: "/leaf", options: { tag: "leaf-own" } }).add(route("/x", "x"));
    const middle = group({ prefix: "/mid", options: { tag: "mid-own" } })
      .add(route("/m", "m"))
      .include(leaf, { options: { tag: "leaf-include" } });
    const app = group({ options: { tag: "app-own" } }).include(middle, {
      prefix: "/api",
      options: { tag: "mid-include" },
    });
    expect(flat(app.items())).toEqual([
      { path: "/api/mid/m", what: "m", tags: ["app-own", "mid-include", "mid-own"] },
      {
        path: "/api/mid/leaf/x",
        what: "x",
        tags: ["app-own", "mid-include", "mid-own", "leaf-include", "leaf-own"],
      },
    ]);
  });

  it("can be included into a group that is itself included", () => {
    const orders = group({ prefix: "/orders" }).add(route("/{order_id}", "order"));
    const shop = group({ prefix: "/shop" }).include(orders);
    const app = group().include(shop).include(shop, { prefix: "/eu" });
    expect(app.entries().map((e) => e.path)).toEqual([
      "/shop/orders/{order_id}",
      "/eu/shop/orders/{order_id}",
    ]);
  });

  it("sees routes added to a child after it was included (flattening happens at startup)", () => {
    const child = group();
    const app = group().include(child, { prefix: "/c" });
    child.add(route("/late", "late"));
    expect(app.entries().map((e) => e.path)).toEqual(["/c/late"]);
  });

  it("namespaces route names with the include name", () => {
    const inventory = group()
      .add(route("/{sku}", "sku", "read_sku"))
      .add(route("/", "list"));
    const app = group()
      .add(route("/", "root", "root"))
      .include(inventory, { prefix: "/v1", name: "v1" })
      .include(group().include(inventory, { name: "inner" }), { prefix: "/v2", name: "v2" })
      .include(inventory, { prefix: "/plain" });
    expect(app.entries().map((e) => e.name ?? null)).toEqual([
      "root",
      "v1:read_sku",
      null,
      "v2:inner:read_sku",
      null,
      "read_sku",
      null,
    ]);
  });
});

describe("RouteGroup: mounts", () => {
  it("flattens mounts with their prefixes, interleaved with routes in declaration order", () => {
    const api = group({ prefix: "/api", options: { tag: "api" } })
      .add(route("/a", "a"))
      .mount("/files", "files-app", { name: "files" })
      .add(route("/b", "b"));
    const app = group().mount("/", "root-app").include(api, { prefix: "/v1", name: "v1" });
    expect(flat(app.items())).toEqual([
      { path: "/", what: "mount:root-app", tags: [] },
      { path: "/v1/api/a", what: "a", tags: ["api"] },
      { path: "/v1/api/files", what: "mount:files-app", tags: ["api"], name: "v1:files" },
      { path: "/v1/api/b", what: "b", tags: ["api"] },
    ]);
    expect(app.mounts().map((m) => m.path)).toEqual(["/", "/v1/api/files"]);
    expect(app.entries().map((e) => e.path)).toEqual(["/v1/api/a", "/v1/api/b"]);
  });
});

describe("RouteGroup: bad input", () => {
  it("refuses prefixes FastAPI refuses, and catch-alls in prefixes", () => {
    expect(codeOf(() => group({ prefix: "items" }))).toBe("INVALID_TEMPLATE");
    expect(codeOf(() => group({ prefix: "/items/" }))).toBe("INVALID_TEMPLATE");
    expect(codeOf(() => group({ prefix: "/" }))).toBe("INVALID_TEMPLATE");
    expect(codeOf(() => group({ prefix: "/f/{p:path}" }))).toBe("INVALID_TEMPLATE");
    expect(codeOf(() => group().include(group(), { prefix: "/x/" }))).toBe("INVALID_TEMPLATE");
  });

  it("refuses bad route paths and mount paths when they are added", () => {
    expect(codeOf(() => group().add(route("x", "x")))).toBe("INVALID_TEMPLATE");
    expect(codeOf(() => group().add(route("/{", "x")))).toBe("INVALID_TEMPLATE");
    expect(codeOf(() => group().mount("static", "x"))).toBe("INVALID_TEMPLATE");
  });

  it("refuses an empty path under an empty prefix when flattening", () => {
    const g = group().add(route("", "x"));
    expect(codeOf(() => g.entries())).toBe("INVALID_ROUTE");
    expect(() => g.items()).toThrow("Prefix and path cannot be both empty");
  });

  it("refuses include cycles, direct or indirect", () => {
    const a = group();
    const b = group();
    const c = group();
    expect(codeOf(() => a.include(a))).toBe("INVALID_ROUTE");
    b.include(c);
    a.include(b);
    expect(codeOf(() => c.include(a))).toBe("INVALID_ROUTE");
    expect(codeOf(() => b.include(a))).toBe("INVALID_ROUTE");
  });
});

describe("RouteGroup: sharing", () => {
  it("checks cycles quickly through heavily shared includes", () => {
    // Each level includes the previous one twice: 2^30 paths, 30 groups.
    let level = group().add(route("/x", "x"));
    const levels = [level];
    for (let i = 0; i < 30; i++) {
      level = group()
        .include(level)
        .include(level, { prefix: `/l${i}` });
      levels.push(level);
    }
    expect(codeOf(() => levels[0]!.include(level))).toBe("INVALID_ROUTE");
    expect(() => group().include(level)).not.toThrow();
  });

  it("copies entries and include options, so later mutation of the caller's objects is ignored", () => {
    const entry = { methods: ["GET"], path: "/a", route: "a" };
    const inc = { prefix: "/p" };
    const child = group().add(entry);
    const app = group().include(child, inc);
    entry.path = "/changed";
    inc.prefix = "/changed";
    expect(app.entries().map((e) => e.path)).toEqual(["/p/a"]);
  });
});
