// What the schemes read beyond the server's header, query and cookie readers.

/** An `Authorization` header split at its first space (FastAPI's `get_authorization_scheme_param`). */
export interface AuthorizationParts {
  readonly scheme: string;
  readonly param: string;
}

const NO_AUTHORIZATION: AuthorizationParts = Object.freeze({ scheme: "", param: "" });

export function splitAuthorization(value: string | undefined): AuthorizationParts {
  if (!value) return NO_AUTHORIZATION;
  const space = value.indexOf(" ");
  if (space === -1) return { scheme: value, param: "" };
  return { scheme: value.slice(0, space), param: value.slice(space + 1) };
}
