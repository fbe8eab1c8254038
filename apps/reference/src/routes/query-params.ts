import { APIRouter, Query, Request } from "typhoon";
import * as v from "valibot";
import { compareCodePoints } from "../python";
import { float, int, str } from "../schemas";

/** apps/reference/SPEC.md §2.3: query parameters. */
export function queryParamRoutes(): APIRouter {
  const router = new APIRouter();

  router.get(
    "/search",
    {
      params: {
        q: Query(str({ min: 2, max: 10 })),
        page: Query(v.optional(int({ ge: 1, le: 100 }), 1)),
        size: Query(v.optional(float({ gt: 0, lt: 50.5 }), 10.0)),
      },
    },
    ({ q, page, size }) => ({ q, page, size }),
  );

  router.get(
    "/query/optional",
    {
      params: {
        name: Query(v.optional(v.nullable(v.string()), null)),
        count: Query(v.optional(v.nullable(int()), null)),
      },
    },
    ({ name, count }) => ({ name, count }),
  );

  router.get(
    "/query/list",
    {
      params: {
        tag: Query(v.optional(v.array(v.string()), [])),
        n: Query(v.optional(v.array(int()), [])),
      },
    },
    ({ tag, n }) => ({ tag, n, total: n.reduce((sum, x) => sum + x, 0) }),
  );

  router.get(
    "/query/bool",
    {
      params: {
        flag: Query(v.optional(v.boolean(), false)),
        strict: Query(v.optional(v.nullable(v.boolean()), null)),
      },
    },
    ({ flag, strict }) => ({ flag, strict }),
  );

  router.get(
    "/query/pattern",
    { params: { code: Query(str({ pattern: /^[A-Z]{3}-\d{2}$/ })) } },
    ({ code }) => ({ code }),
  );

  router.get(
    "/query/alias",
    {
      params: {
        item_query: Query(v.string(), { alias: "item-query" }),
        limit: Query(v.optional(int(), 5), { alias: "max" }),
      },
    },
    ({ item_query, limit }) => ({ item_query, limit }),
  );

  router.get("/request-info", { params: { request: Request } }, ({ request }) => ({
    method: request.method,
    path: request.path,
    query: [...request.query].sort(comparePairs),
  }));

  return router;
}

/** By key, then by value, as Python sorts `(key, value)` tuples. */
function comparePairs(a: [string, string], b: [string, string]): number {
  return compareCodePoints(a[0], b[0]) || compareCodePoints(a[1], b[1]);
}
