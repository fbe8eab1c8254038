import { type ErrorItem, parseJson, RequestValidationError } from "@typhoon/validation";
import { HTTPException } from "../http/exceptions";
import type { Request } from "../http/request";

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** `application/json` and `application/<anything>+json`, parameters allowed (SPEC §1.6). */
export function isJsonContentType(contentType: string | undefined): boolean {
  if (contentType === undefined) return true;
  const semi = contentType.indexOf(";");
  const type = (semi === -1 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
  return type === "application/json" || (type.startsWith("application/") && type.endsWith("+json"));
}

/**
 * Reads and parses the body of a route that declares one: empty means absent; JSON (or no
 * content type) is parsed, a syntax error is an immediate 422; other types are left as text,
 * so an object schema rejects them at ["body"]; bytes that are not UTF-8 are a 400.
 */
export async function readJsonBody(request: Request): Promise<unknown> {
  const bytes = await request.body();
  if (bytes.byteLength === 0) return undefined;
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new HTTPException(400, "There was an error parsing the body");
  }
  if (!isJsonContentType(request.headers.get("content-type"))) return text;
  const errors: ErrorItem[] = [];
  const value = parseJson(text, errors);
  if (errors.length > 0) throw new RequestValidationError(errors);
  return value;
}
