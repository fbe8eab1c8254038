import { Depends, dependency } from "@typhoon/di";
import {
  APIKeyCookie,
  APIKeyHeader,
  APIKeyQuery,
  HTTPBasic,
  SecurityHTTPError,
  safeEqualAny,
  verifyBasic,
} from "@typhoon/security";

// HTTP Basic: on the 401 a browser shows its login prompt for the realm.
const basic = new HTTPBasic({ realm: "admin" });
const ADMIN = { username: "admin", password: process.env.ADMIN_PASSWORD ?? "s3cr3t" };

export const currentAdmin = dependency({ credentials: Depends(basic) }, ({ credentials }) => {
  if (!verifyBasic(credentials, ADMIN)) {
    const challenge = basic.makeAuthenticateHeaders(); // WWW-Authenticate: Basic realm="admin"
    throw new SecurityHTTPError(401, "Incorrect username or password", challenge);
  }
  return { username: credentials.username };
});

// An API key from a header, the query string or a cookie: the first one sent wins.
// With autoError: false each scheme yields undefined when its key is absent.
const API_KEYS = ["key-123", "key-456"];
const fromHeader = new APIKeyHeader({ name: "X-API-Key", autoError: false });
const fromQuery = new APIKeyQuery({ name: "api_key", autoError: false });
const fromCookie = new APIKeyCookie({ name: "session_key", autoError: false });

export const apiClient = dependency(
  { header: Depends(fromHeader), query: Depends(fromQuery), cookie: Depends(fromCookie) },
  ({ header, query, cookie }) => {
    const key = header ?? query ?? cookie;
    if (key === undefined) {
      throw new SecurityHTTPError(401, "API key required", { "WWW-Authenticate": "APIKey" });
    }
    if (!safeEqualAny(key, API_KEYS)) throw new SecurityHTTPError(403, "Invalid API key");
    return { via: key === header ? "header" : key === query ? "query" : "cookie" };
  },
);
