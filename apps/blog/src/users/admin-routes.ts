import { APIRouter, Body, Depends, HTTPException, Path, Query } from "typhoon";
import * as v from "valibot";
import { SessionDep } from "../db/session";
import { listUsers, toUserOut, updateUser } from "./repository";
import { UserAdminUpdate, UserOut, UserPage } from "./schemas";
import { requireAdmin } from "./security";

/** Every route here is for admins: the router-level dependency answers 401/403 first. */
export const adminRouter = new APIRouter({
  prefix: "/admin",
  tags: ["admin"],
  dependencies: [Depends(requireAdmin)],
  responses: { 403: { description: "Admin role required" } },
});

const Skip = v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000)), 0);
const Limit = v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100)), 20);

adminRouter.get(
  "/users",
  {
    params: { skip: Query(Skip), limit: Query(Limit), session: SessionDep },
    response: UserPage,
    summary: "List accounts",
  },
  async ({ skip, limit, session }) => {
    const { rows, total } = await listUsers(session.db, { skip, limit });
    return { items: rows.map(toUserOut), total, skip, limit };
  },
);

adminRouter.patch(
  "/users/{user_id}",
  {
    params: {
      user_id: Path(v.pipe(v.number(), v.integer(), v.minValue(1))),
      changes: Body(UserAdminUpdate),
      admin: Depends(requireAdmin),
      session: SessionDep,
    },
    response: UserOut,
    summary: "Change an account's role or deactivate it",
  },
  async ({ user_id, changes, admin, session }) => {
    // An admin locking themselves out would leave no one to undo it.
    if (user_id === admin.id && Object.keys(changes).length > 0) {
      throw new HTTPException(400, "Admins cannot change their own account here");
    }
    const row = await updateUser(session.db, user_id, changes);
    if (row === null) throw new HTTPException(404, "User not found");
    return toUserOut(row);
  },
);
