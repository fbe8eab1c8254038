import type { HTTPBasicCredentials } from "./http";

// Standard alphabet, padded: what RFC 7617 clients send. Node's own decoder would silently
// skip stray characters and accept missing padding, so the shape is checked first.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Decodes the token68 of `Authorization: Basic <token68>` into the pair, split at the first
 * `:`. `undefined` when it is not base64, not ASCII (FastAPI decodes as ASCII), or has no `:`.
 */
export function decodeBasicCredentials(token: string): HTTPBasicCredentials | undefined {
  const trimmed = token.trim();
  if (!BASE64.test(trimmed)) return undefined;
  const bytes = Buffer.from(trimmed, "base64");
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! > 0x7f) return undefined;
  const text = bytes.toString("latin1");
  const colon = text.indexOf(":");
  if (colon === -1) return undefined;
  return { username: text.slice(0, colon), password: text.slice(colon + 1) };
}
