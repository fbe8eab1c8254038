import { randomBytes } from "node:crypto";
import { Depends, dependency, type InferParams, Security, SecurityScopes } from "@typhoon/di";
import {
  bearerChallenge,
  createJwt,
  hashPassword,
  isJwtError,
  OAuth2PasswordBearer,
  type OAuth2PasswordRequestFormData,
  parseScopes,
  SecurityHTTPError,
  verifyPassword,
} from "@typhoon/security";
import * as v from "valibot";

// 1. The scheme: where the docs page posts the login form, and the scopes it can ask for.
export const oauth2Scheme = new OAuth2PasswordBearer({
  tokenUrl: "token",
  scopes: { me: "Read information about the current user.", items: "Read items." },
});

// 2. Tokens: HS256 JWTs that expire. The secret comes from your secret store in production.
const jwt = createJwt({ algorithm: "HS256", secret: randomBytes(32), expiresIn: "30m" });
const TokenClaims = v.object({ sub: v.string(), scopes: v.optional(v.array(v.string()), []) });

// 3. Users (a database in a real app): only password hashes are stored.
export interface User {
  username: string;
  fullName: string;
  disabled: boolean;
  /** The scopes this user may be granted. */
  allowedScopes: string[];
  passwordHash: string;
}
export const users = new Map<string, User>([
  [
    "johndoe",
    {
      username: "johndoe",
      fullName: "John Doe",
      disabled: false,
      allowedScopes: ["me", "items"],
      passwordHash: await hashPassword("secret"),
    },
  ],
  [
    "alice",
    {
      username: "alice",
      fullName: "Alice Wonderson",
      disabled: true,
      allowedScopes: ["me"],
      passwordHash: await hashPassword("secret2"),
    },
  ],
]);
// Checked when the user does not exist, so a login takes as long either way.
const DUMMY_HASH = await hashPassword(randomBytes(16).toString("hex"));

// 4. The token endpoint (POST /token) receives the password form and returns a token that
// carries the scopes asked for, as far as the user may have them.
export async function login(form: OAuth2PasswordRequestFormData) {
  const user = users.get(form.username);
  const ok = await verifyPassword(form.password, user?.passwordHash ?? DUMMY_HASH);
  if (user === undefined || !ok) {
    throw new SecurityHTTPError(400, "Incorrect username or password");
  }
  const scopes = parseScopes(form.scope).filter((scope) => user.allowedScopes.includes(scope));
  return { access_token: await jwt.sign({ sub: user.username, scopes }), token_type: "bearer" };
}

// 5. The current user: a valid token, for a known user, carrying every scope required by the
// chain of Security() uses that led here (gathered by DI into `securityScopes`).
export const getCurrentUser = dependency(
  { securityScopes: SecurityScopes, token: Depends(oauth2Scheme) },
  async ({ securityScopes, token }) => {
    const challenge = { "WWW-Authenticate": bearerChallenge(securityScopes) };
    const invalid = () => new SecurityHTTPError(401, "Could not validate credentials", challenge);
    let payload: unknown;
    try {
      payload = await jwt.verify(token);
    } catch (error) {
      if (isJwtError(error)) throw invalid();
      throw error;
    }
    const claims = v.safeParse(TokenClaims, payload);
    if (!claims.success) throw invalid();
    const user = users.get(claims.output.sub);
    if (user === undefined) throw invalid();
    for (const scope of securityScopes.scopes) {
      if (!claims.output.scopes.includes(scope)) {
        throw new SecurityHTTPError(401, "Not enough permissions", challenge);
      }
    }
    return user;
  },
);

export const getCurrentActiveUser = dependency(
  { user: Security(getCurrentUser, { scopes: ["me"] }) },
  ({ user }) => {
    if (user.disabled) throw new SecurityHTTPError(400, "Inactive user");
    return user;
  },
);

// 6. Routes: GET /users/me needs "me"; GET /users/me/items needs "me" and "items".
export const readUsersMeParams = { user: Depends(getCurrentActiveUser) };
export function readUsersMe({ user }: InferParams<typeof readUsersMeParams>) {
  return { username: user.username, full_name: user.fullName };
}

export const readOwnItemsParams = { user: Security(getCurrentActiveUser, { scopes: ["items"] }) };
export function readOwnItems({ user }: InferParams<typeof readOwnItemsParams>) {
  return [{ item_id: "Foo", owner: user.username }];
}
