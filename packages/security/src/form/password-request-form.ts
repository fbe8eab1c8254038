import * as v from "valibot";

// RFC 6749 §4.3.2: the password grant's form. The app reads it with its `Form()` marker
// (urlencoded or multipart); these are the fields, as FastAPI declares them.

const passwordGrantType = v.pipe(v.string(), v.regex(/^password$/));

/**
 * The token endpoint's form for the OAuth2 password flow (what the docs page's "Authorize"
 * dialog posts): `username` and `password` required; `grant_type` optional but, when sent,
 * exactly `password`; `scope` a space-separated string (default `""`: read it as a list with
 * `parseScopes`); `client_id`/`client_secret` optional, for clients that authenticate this way.
 */
export const OAuth2PasswordRequestForm = v.object({
  grant_type: v.optional(passwordGrantType),
  username: v.string(),
  password: v.string(),
  scope: v.optional(v.string(), ""),
  client_id: v.optional(v.string()),
  client_secret: v.optional(v.string()),
});

/** Like `OAuth2PasswordRequestForm`, with `grant_type=password` required as the RFC says. */
export const OAuth2PasswordRequestFormStrict = v.object({
  ...OAuth2PasswordRequestForm.entries,
  grant_type: passwordGrantType,
});

/** The parsed form, as a route receives it. */
export type OAuth2PasswordRequestFormData = v.InferOutput<typeof OAuth2PasswordRequestForm>;
export type OAuth2PasswordRequestFormStrictData = v.InferOutput<
  typeof OAuth2PasswordRequestFormStrict
>;

/**
 * The form's `scope` as a list (FastAPI's `form_data.scopes`): split on runs of whitespace,
 * empty parts dropped, order kept. `parseScopes("items:read  me")` → `["items:read", "me"]`.
 */
export function parseScopes(scope: string): string[] {
  if (typeof scope !== "string") throw new TypeError("parseScopes: scope must be a string");
  return scope.split(/\s+/).filter((part) => part !== "");
}
