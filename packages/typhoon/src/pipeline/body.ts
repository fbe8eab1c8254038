import { type ErrorItem, parseJson, RequestValidationError } from "@typhoon/validation";
import { HTTPException } from "../http/exceptions";

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * `application/json` and `application/<anything>+json`, parameters allowed
 * (apps/reference/SPEC.md §1.6).
 */
export function isJsonContentType(contentType: string | undefined): boolean {
  // The usual header, compared before any slicing or case folding.
  if (contentType === undefined || contentType === "application/json") return true;
  const semi = contentType.indexOf(";");
  const type = (semi === -1 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
  return type === "application/json" || (type.startsWith("application/") && type.endsWith("+json"));
}

/**
 * The value of a route's declared body, from its bytes: empty means absent; JSON (or no
 * content type) is parsed, a syntax error is an immediate 422; other types are left as text,
 * so an object schema rejects them at ["body"]; bytes that are not UTF-8 are a 400.
 */
export function jsonBodyValue(bytes: Uint8Array, contentType: string | undefined): unknown {
  if (bytes.byteLength === 0) return undefined;
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new HTTPException(400, "There was an error parsing the body");
  }
  if (!isJsonContentType(contentType)) return text;
  const errors: ErrorItem[] = [];
  const value = parseJson(text, errors);
  if (errors.length > 0) throw new RequestValidationError(errors);
  return value;
}
