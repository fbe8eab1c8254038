import type { Kysely } from "kysely";
import { Depends, dependency, HTTPException } from "typhoon";
import { OAuth2PasswordBearer } from "typhoon/security";
import type { BlogSchema, UserRow } from "../db/schema";
import { SessionDep } from "../db/session";
import { findUserById } from "./repository";
import { getTokens, type Tokens } from "./tokens";

/**
 * The bearer scheme the docs page logs in with. `autoError: false` so public routes can see
 * whether a caller is signed in; `currentUser` turns a missing token into the usual 401.
 */
export const oauth2Scheme = new OAuth2PasswordBearer({
  tokenUrl: "/api/v1/token",
  autoError: false,
  description: "Log in with your email as the username.",
});

const BEARER = { "WWW-Authenticate": "Bearer" };

/** The user a token belongs to; 401 when the token is invalid or the user is gone. */
export async function authenticate(
  db: Kysely<BlogSchema>,
  tokens: Tokens,
  token: string,
): Promise<UserRow> {
  const userId = await tokens.userIdOf(token);
  const user = userId === null ? null : await findUserById(db, userId);
  if (user === null) throw new HTTPException(401, "Could not validate credentials", BEARER);
  return user;
}

/** The signed-in user, or null for an anonymous caller. A bad token is still a 401. */
export const optionalUser = dependency(
  { token: Depends(oauth2Scheme), session: SessionDep, tokens: Depends(getTokens) },
  async ({ token, session, tokens }): Promise<UserRow | null> =>
    token === undefined ? null : authenticate(session.db, tokens, token),
);

/** The signed-in, active user: 401 without a token, 400 for a deactivated account. */
export const currentUser = dependency({ user: Depends(optionalUser) }, ({ user }): UserRow => {
  if (user === null) throw new HTTPException(401, "Not authenticated", BEARER);
  if (!user.is_active) throw new HTTPException(400, "Inactive user");
  return user;
});

/** Guards admin routes: built on `currentUser`, so it is 401 first and 403 for non-admins. */
export const requireAdmin = dependency({ user: Depends(currentUser) }, ({ user }): UserRow => {
  if (user.role !== "admin") throw new HTTPException(403, "Admin role required");
  return user;
});
