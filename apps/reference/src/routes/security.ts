import { APIRouter, Depends, dependency, Form, HTTPException } from "typhoon";
import {
  APIKeyCookie,
  APIKeyHeader,
  APIKeyQuery,
  HTTPBasic,
  HTTPBearer,
  OAuth2PasswordBearer,
  OAuth2PasswordRequestForm,
  parseScopes,
  safeEqual,
} from "typhoon/security";
import {
  type Account,
  checkPassword,
  findAccount,
  issueToken,
  jwt,
  requireActive,
} from "../accounts";

const BEARER_CHALLENGE = { "WWW-Authenticate": "Bearer" };
const VALID_KEYS = ["key-123", "key-456"];

const oauth2 = new OAuth2PasswordBearer({ tokenUrl: "/token" });
const basic = new HTTPBasic({ realm: "conformance" });
const bearer = new HTTPBearer();
const headerKey = new APIKeyHeader({ name: "X-API-Key" });
const queryKey = new APIKeyQuery({ name: "api_key" });
const cookieKey = new APIKeyCookie({ name: "session_key" });
const optionalHeaderKey = new APIKeyHeader({ name: "X-API-Key", autoError: false });
const optionalQueryKey = new APIKeyQuery({ name: "api_key", autoError: false });
const optionalCookieKey = new APIKeyCookie({ name: "session_key", autoError: false });

/** The bearer token is a username (the toy scheme of FastAPI's tutorial). */
const tokenUser = dependency({ token: Depends(oauth2) }, ({ token }): Account => {
  const account = findAccount(token);
  if (account === undefined) {
    throw new HTTPException(401, "Invalid authentication credentials", BEARER_CHALLENGE);
  }
  return requireActive(account);
});

/** The bearer token is an HS256 JWT whose `sub` names an account. */
const jwtUser = dependency({ token: Depends(oauth2) }, async ({ token }): Promise<Account> => {
  const invalid = new HTTPException(401, "Could not validate credentials", BEARER_CHALLENGE);
  let sub: unknown;
  try {
    sub = (await jwt.verify(token)).sub;
  } catch {
    throw invalid;
  }
  const account = typeof sub === "string" ? findAccount(sub) : undefined;
  if (account === undefined) throw invalid;
  return requireActive(account);
});

// Every candidate is compared, so the timing does not tell which key matched.
const isValidKey = (key: string) =>
  VALID_KEYS.reduce((found, valid) => safeEqual(key, valid) || found, false);

const passwordForm = Form(OAuth2PasswordRequestForm);

/** apps/reference/SPEC.md §2.11: security. */
export function securityRoutes(): APIRouter {
  const router = new APIRouter();

  // A disabled account can still log in here; `/me` refuses it later.
  router.post("/token", { params: { form: passwordForm } }, ({ form }) => {
    if (checkPassword(form.username, form.password) === undefined) {
      throw new HTTPException(400, "Incorrect username or password");
    }
    return { access_token: form.username, token_type: "bearer", scopes: parseScopes(form.scope) };
  });

  router.post("/jwt/token", { params: { form: passwordForm } }, async ({ form }) => {
    if (checkPassword(form.username, form.password) === undefined) {
      throw new HTTPException(401, "Incorrect username or password", BEARER_CHALLENGE);
    }
    return { access_token: await issueToken(form.username), token_type: "bearer" };
  });

  router.get("/me", { params: { user: Depends(tokenUser) } }, ({ user }) => user);

  router.get("/me/items", { params: { user: Depends(tokenUser) } }, ({ user }) => [
    { item_id: "portal-gun", owner: user.username },
  ]);

  router.get("/jwt/me", { params: { user: Depends(jwtUser) } }, ({ user }) => user);

  router.get("/basic/whoami", { params: { credentials: Depends(basic) } }, ({ credentials }) => {
    const ok =
      safeEqual(credentials.username, "admin") && safeEqual(credentials.password, "s3cr3t");
    if (!ok) {
      throw new HTTPException(401, "Incorrect username or password", {
        "WWW-Authenticate": 'Basic realm="conformance"',
      });
    }
    return { username: credentials.username };
  });

  router.get("/bearer/check", { params: { credentials: Depends(bearer) } }, ({ credentials }) => ({
    scheme: credentials.scheme,
    token: credentials.credentials,
  }));

  router.get("/apikey/header", { params: { key: Depends(headerKey) } }, ({ key }) => ({
    source: "header",
    valid: isValidKey(key),
  }));

  router.get("/apikey/query", { params: { key: Depends(queryKey) } }, ({ key }) => ({
    source: "query",
    valid: isValidKey(key),
  }));

  router.get("/apikey/cookie", { params: { key: Depends(cookieKey) } }, ({ key }) => ({
    source: "cookie",
    valid: isValidKey(key),
  }));

  router.get(
    "/apikey/any",
    {
      params: {
        header: Depends(optionalHeaderKey),
        query: Depends(optionalQueryKey),
        cookie: Depends(optionalCookieKey),
      },
    },
    ({ header, query, cookie }) => {
      // The first non-empty value wins, in this order.
      const found = header
        ? (["header", header] as const)
        : query
          ? (["query", query] as const)
          : cookie
            ? (["cookie", cookie] as const)
            : undefined;
      if (found === undefined) throw new HTTPException(401, "API key required");
      const [source, key] = found;
      if (!isValidKey(key)) throw new HTTPException(403, `Invalid API key in ${source}`);
      return { authenticated_via: source };
    },
  );

  return router;
}
