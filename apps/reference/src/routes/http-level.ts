import { APIRouter, Query, Request, Response } from "typhoon";
import * as v from "valibot";
import { int } from "../schemas";

/**
 * apps/reference/SPEC.md §2.13: HTTP-level routes (slashes, methods, HEAD, the GZip payload,
 * OpenAPI flags).
 */
export function httpLevelRoutes(): APIRouter {
  const router = new APIRouter();

  router.get("/slash/", () => ({ route: "with-slash" }));

  router.get("/noslash", () => ({ route: "without-slash" }));

  router.route(
    ["GET", "POST", "DELETE"],
    "/multi-method",
    { params: { request: Request } },
    ({ request }) => ({
      method: request.method,
    }),
  );

  router.route(["GET", "HEAD"], "/headable", { params: { response: Response } }, ({ response }) => {
    response.setHeader("X-Resource-Version", "7");
    return { resource: "headable" };
  });

  router.get(
    "/large",
    { params: { count: Query(v.optional(int({ ge: 1, le: 2000 }), 300)) } },
    ({ count }) => ({
      count,
      rows: Array.from({ length: count }, (_, i) => ({
        index: i,
        label: `row-${String(i).padStart(4, "0")}`,
      })),
    }),
  );

  router.get("/legacy", { deprecated: true, tags: ["legacy"] }, () => ({ legacy: true }));

  router.get("/hidden", { includeInSchema: false }, () => ({ hidden: true }));

  return router;
}
