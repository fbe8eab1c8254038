import { APIRouter, Depends, dependency, Header, HTTPException, Path, Request } from "typhoon";
import * as v from "valibot";
import { int } from "../schemas";

const STOCK: Record<string, number> = { abc: 3, xyz: 0 };

const adminKey = dependency({ x_admin_key: Header(v.string()) }, ({ x_admin_key }) => {
  if (x_admin_key !== "letmein") throw new HTTPException(403, "Invalid admin key");
});

/** Admin router: prefix `/admin`, tag `admin`, guarded by the `X-Admin-Key` header. */
function adminRouter(): APIRouter {
  const admin = new APIRouter({
    prefix: "/admin",
    tags: ["admin"],
    dependencies: [Depends(adminKey)],
  });
  admin.get("/stats", () => ({
    admin: true,
    fruit_count: 8,
    inventory_skus: Object.keys(STOCK).length,
  }));
  admin.post("/echo", { params: { body: v.record(v.string(), v.string()) } }, ({ body }) => ({
    echo: body,
  }));
  return admin;
}

/** Inventory router (tag `inventory`), included twice by the app. */
function inventoryRouter(): APIRouter {
  const inventory = new APIRouter({ tags: ["inventory"] });
  inventory.get("/", { params: { request: Request } }, ({ request }) => ({
    path: request.path,
    skus: Object.keys(STOCK),
  }));
  inventory.get(
    "/{sku}",
    { params: { sku: Path(v.string()), request: Request } },
    ({ sku, request }) => {
      if (!Object.hasOwn(STOCK, sku)) throw new HTTPException(404, "Unknown SKU");
      return { path: request.path, sku, stock: STOCK[sku] };
    },
  );
  return inventory;
}

/** `/shop` includes `/orders`. */
function shopRouter(): APIRouter {
  const orders = new APIRouter({ prefix: "/orders" });
  orders.get("/{order_id}", { params: { order_id: Path(int()) } }, ({ order_id }) => ({
    order_id,
    status: order_id % 2 === 0 ? "shipped" : "pending",
  }));
  return new APIRouter({ prefix: "/shop" }).includeRouter(orders);
}

/** apps/reference/SPEC.md §2.10: routers, included into one router in the spec's order. */
export function routerRoutes(): APIRouter {
  const router = new APIRouter();
  const inventory = inventoryRouter();
  router.includeRouter(adminRouter());
  router.includeRouter(inventory, { prefix: "/v1/inventory" });
  router.includeRouter(inventory, { prefix: "/v2/inventory", tags: ["v2"] });
  router.includeRouter(shopRouter());
  return router;
}
