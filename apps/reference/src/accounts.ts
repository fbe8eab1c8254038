import { HTTPException } from "typhoon";
import { createJwt, safeEqual } from "typhoon/security";

/** An account as the security routes answer it (apps/reference/SPEC.md §2.11). */
export interface Account {
  username: string;
  full_name: string;
  email: string;
  disabled: boolean;
}

interface StoredAccount extends Account {
  password: string;
}

const ACCOUNTS = new Map<string, StoredAccount>([
  [
    "alice",
    {
      username: "alice",
      password: "wonderland",
      full_name: "Alice Liddell",
      email: "alice@example.com",
      disabled: false,
    },
  ],
  [
    "bob",
    {
      username: "bob",
      password: "canwefixit",
      full_name: "Bob Builder",
      email: "bob@example.com",
      disabled: true,
    },
  ],
]);

/** The public view of an account (the password never leaves this module). */
export function findAccount(username: string): Account | undefined {
  const stored = ACCOUNTS.get(username);
  if (stored === undefined) return undefined;
  const { password: _password, ...account } = stored;
  return account;
}

/** The account whose username and password both match, if any. */
export function checkPassword(username: string, password: string): Account | undefined {
  const stored = ACCOUNTS.get(username);
  // Constant-time, so the answer's timing does not tell how much of the password matched.
  return stored !== undefined && safeEqual(stored.password, password)
    ? findAccount(username)
    : undefined;
}

/** 400 `Inactive user` for a disabled account. */
export function requireActive(account: Account): Account {
  if (account.disabled) throw new HTTPException(400, "Inactive user");
  return account;
}

/** Every token expires at 2100-01-01T00:00:00Z (apps/reference/SPEC.md §2.11). */
export const TOKEN_EXPIRY = 4102444800;

/** HS256 only: `alg: none`, HS512 and anything else are rejected on verify. */
export const jwt = createJwt({
  algorithm: "HS256",
  secret: "conformance-secret-key-not-for-production",
  // A long lifetime; each token gets its exact `exp` at sign time.
  expiresIn: "1h",
});

/** A signed token for `username` with `exp` = {@link TOKEN_EXPIRY}. */
export function issueToken(username: string): Promise<string> {
  const secondsLeft = TOKEN_EXPIRY - Math.floor(Date.now() / 1000);
  // `exp` is iat + lifetime; the library forbids setting it directly.
  return jwt.sign({ sub: username }, { expiresIn: secondsLeft });
}
