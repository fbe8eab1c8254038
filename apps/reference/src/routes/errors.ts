import { APIRouter, HTTPException, Path } from "typhoon";
import * as v from "valibot";
import { int } from "../schemas";
import { TeapotError } from "../teapot";

/** apps/reference/SPEC.md §2.7: errors. The teapot handler itself is registered on the app. */
export function errorRoutes(): APIRouter {
  const router = new APIRouter();

  router.get("/teapot/{drink}", { params: { drink: Path(v.string()) } }, ({ drink }) => {
    if (drink !== "tea") throw new TeapotError(drink);
    return { drink, status: "brewing" };
  });

  router.get(
    "/fail/http/{code}",
    { params: { code: Path(int({ ge: 400, le: 599 })) } },
    ({ code }) => {
      throw new HTTPException(code, `Failure with status ${code}`);
    },
  );

  router.get("/fail/detail-object", () => {
    throw new HTTPException(409, { reason: "conflict", ids: [1, 2] });
  });

  router.get("/fail/unhandled", () => {
    throw new Error("an internal crash, on purpose");
  });

  return router;
}
