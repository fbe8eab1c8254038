/**
 * `Content-Disposition` for a download name (RFC 6266). Plain ASCII names go in `filename`;
 * any other name gets an ASCII fallback plus the exact name in `filename*` (RFC 8187), so no
 * quote, CR/LF or non-ASCII byte can break the header.
 */
export type DispositionType = "attachment" | "inline";

const PLAIN = /^[\x20-\x7e]*$/;
const UNSAFE_IN_QUOTES = /["\\]/;

export function contentDisposition(type: DispositionType, fileName: string): string {
  if (PLAIN.test(fileName) && !UNSAFE_IN_QUOTES.test(fileName)) {
    return `${type}; filename="${fileName}"`;
  }
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encodeExtValue(fileName)}`;
}

// encodeURIComponent leaves ' ( ) * and !, which RFC 8187's attr-char does not all allow.
function encodeExtValue(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
