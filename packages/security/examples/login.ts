import { randomBytes } from "node:crypto";
import {
  createJwt,
  hashPassword,
  isJwtError,
  needsRehash,
  verifyPassword,
} from "@typhoon/security";

// Once at startup. In production the secret comes from your secret store: at least 32 bytes.
const jwt = createJwt({
  algorithm: "HS256",
  secret: randomBytes(32),
  issuer: "https://shop.example",
  audience: "shop-api",
  expiresIn: "30m",
});
// Compared against when the user does not exist, so a login takes as long either way.
const DUMMY_HASH = await hashPassword(randomBytes(16).toString("hex"));

// Registration stores only the hash.
const users = new Map<string, { passwordHash: string }>();
users.set("ann", { passwordHash: await hashPassword("correct horse battery staple") });

async function login(username: string, password: string): Promise<string | undefined> {
  const user = users.get(username);
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (user === undefined || !ok) return undefined;
  // Parameters raised since this hash was made? Upgrade it while the password is at hand.
  if (needsRehash(user.passwordHash)) user.passwordHash = await hashPassword(password);
  return jwt.sign({ sub: username, scopes: ["items:read"] });
}

// Every rejected token is a JwtError: map the class to 401, branch on `code` if needed.
async function authenticate(token: string) {
  try {
    const claims = await jwt.verify(token);
    return { status: 200, user: claims.sub, scopes: claims.scopes };
  } catch (error) {
    if (isJwtError(error)) return { status: 401, code: error.code };
    throw error;
  }
}

const token = await login("ann", "correct horse battery staple");
console.log(await authenticate(token!)); // { status: 200, user: "ann", scopes: ["items:read"] }
console.log(await login("ann", "wrong password")); // undefined
console.log(await login("bob", "anything")); // undefined
console.log(await authenticate(`${token}x`)); // { status: 401, code: "JWT_INVALID_SIGNATURE" }
