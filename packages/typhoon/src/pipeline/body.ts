import { type ErrorItem, parseJson, RequestValidationError } from "@typhoon/validation";
import { HTTPException } from "../http/exceptions";

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * `application/json` and `application/<anything>+json`, parameters allowed
 * (apps/reference/SPEC.md §1.6). No content type (or an empty one) is JSON only when the route
 * is not strict: FastAPI's `strict_content_type`, on by default, so that a browser's form or
 * `no-cors` fetch (which may omit the header and skip the CORS preflight) is never read as JSON.
 */
export function isJsonContentType(contentType: string | undefined, strict = true): boolean {
  if (contentType === undefined || contentType === "") return !strict;
  // The usual header, compared before any slicing or case folding.
  if (contentType === "application/json") return true;
  const semi = contentType.indexOf(";");
  const type = (semi === -1 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
  return type === "application/json" || (type.startsWith("application/") && type.endsWith("+json"));
}

/**
 * The value of a route's declared body, from its bytes: empty means absent; JSON (or no
 * content type, when not `strict`) is parsed, a syntax error is an immediate 422; other types
 * are left as text, so an object schema rejects them at ["body"]; bytes that are not UTF-8
 * are a 400.
 */
export function jsonBodyValue(
  bytes: Uint8Array,
  contentType: string | undefined,
  strict = true,
): unknown {
  if (bytes.byteLength === 0) return undefined;
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new HTTPException(400, "There was an error parsing the body");
  }
  if (!isJsonContentType(contentType, strict)) return text;
  const errors: ErrorItem[] = [];
  const value = parseJson(text, errors);
  if (errors.length > 0) throw new RequestValidationError(errors, { body: text });
  return value;
}
