import { APIRouter, Path } from "typhoon";
import * as v from "valibot";
import { pythonRound } from "../python";
import { float, int } from "../schemas";

/**
 * apps/reference/SPEC.md §2.2: path parameters. `/users/me` is declared before
 * `/users/{user_id}` on purpose.
 */
export function pathParamRoutes(): APIRouter {
  const router = new APIRouter();

  router.get(
    "/items/{item_id}",
    { params: { item_id: Path(int({ gt: 0, le: 1000 })) } },
    ({ item_id }) => ({ item_id, double: 2 * item_id }),
  );

  router.get(
    "/colors/{color}",
    { params: { color: Path(v.picklist(["red", "green", "blue"])) } },
    ({ color }) => ({ color, is_warm: color === "red" }),
  );

  router.get(
    "/files/{file_path:path}",
    { params: { file_path: Path(v.string()) } },
    ({ file_path }) => ({ file_path, segments: file_path.split("/") }),
  );

  router.get("/users/me", () => ({ user: "the current user (static route)" }));

  router.get("/users/{user_id}", { params: { user_id: Path(int()) } }, ({ user_id }) => ({
    user_id,
  }));

  router.get(
    "/ratio/{value}",
    { params: { value: Path(float({ ge: 0, lt: 1 })) } },
    ({ value }) => ({ value, percent: pythonRound(value * 100, 2) }),
  );

  return router;
}
