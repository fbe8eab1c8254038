import { APIRouter, Cookie, Header, Query, Response } from "typhoon";
import * as v from "valibot";
import { int } from "../schemas";

/** apps/reference/SPEC.md §2.4: headers and cookies. */
export function headerCookieRoutes(): APIRouter {
  const router = new APIRouter();

  router.get(
    "/headers/echo",
    {
      params: {
        user_agent: Header(v.optional(v.nullable(v.string()), null)),
        x_request_tag: Header(v.optional(v.nullable(v.string()), null)),
        x_token: Header(v.optional(v.array(v.string()), [])),
        raw_under_score: Header(v.optional(v.nullable(v.string()), null), {
          convertUnderscores: false,
        }),
      },
    },
    (headers) => headers,
  );

  router.get(
    "/headers/required",
    { params: { x_api_version: Header(int({ ge: 1, le: 3 })) } },
    ({ x_api_version }) => ({ api_version: x_api_version }),
  );

  router.get(
    "/cookies/read",
    {
      params: {
        session_id: Cookie(v.optional(v.nullable(v.string()), null)),
        theme: Cookie(v.optional(v.string(), "light")),
        visits: Cookie(v.optional(int(), 0)),
      },
    },
    (cookies) => cookies,
  );

  router.get(
    "/cookies/set",
    { params: { flavor: Query(v.optional(v.string(), "vanilla")), response: Response } },
    ({ flavor, response }) => {
      response.setCookie("flavor", flavor, { httpOnly: true, maxAge: 60, sameSite: "lax" });
      return { set: flavor };
    },
  );

  return router;
}
