import { InvalidTemplateError } from "./errors";
import { parseTemplate } from "./template";

/**
 * A group or include prefix, as FastAPI's `include_router` wants it: empty, or starting with
 * `/` and not ending with `/` (route paths bring their own leading slash). Parameters are
 * allowed (`/users/{user_id}`), a catch-all is not (routes follow the prefix).
 */
export function validatePrefix(prefix: string): string {
  if (prefix === "") return prefix;
  const parsed = parseTemplate(prefix);
  if (prefix.endsWith("/")) {
    throw new InvalidTemplateError(
      prefix,
      'a prefix must not end with "/", as the routes will start with "/"',
    );
  }
  if (parsed.catchAll !== null) {
    throw new InvalidTemplateError(prefix, "a prefix cannot end with a catch-all parameter");
  }
  return prefix;
}

/** A route path inside a group: `""` (the prefix itself) or a template starting with `/`. */
export function validateRoutePath(path: string): void {
  if (path !== "") parseTemplate(path);
}
