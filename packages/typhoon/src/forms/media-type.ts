import { malformed } from "./errors";

/** The `type/subtype` of a Content-Type, lower-cased, without parameters. */
export function mediaTypeEssence(contentType: string): string {
  const semi = contentType.indexOf(";");
  return (semi === -1 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
}

// RFC 2046 §5.1.1: 1 to 70 of these characters, the last one not a space.
const BOUNDARY = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/;

/**
 * The `boundary` parameter of a `multipart/form-data` Content-Type, checked against RFC 2046
 * so a boundary that can never be matched (empty, too long, with control characters) is a
 * clear 400 instead of a parser that waits for the end of the body to fail.
 */
export function multipartBoundary(contentType: string): string {
  const raw = parameter(contentType, "boundary");
  if (raw === undefined) {
    throw malformed("FORM_MISSING_BOUNDARY", "Missing boundary in multipart.");
  }
  if (!BOUNDARY.test(raw)) {
    throw malformed(
      "FORM_INVALID_BOUNDARY",
      "Invalid boundary in multipart: 1 to 70 characters from RFC 2046, not ending in a space.",
    );
  }
  return raw;
}

/** A parameter of a Content-Type header, unquoted; `undefined` when absent. */
function parameter(contentType: string, wanted: string): string | undefined {
  let i = contentType.indexOf(";");
  // Bounded: `i` only moves forward, by at least one character per round.
  while (i !== -1 && i < contentType.length) {
    const start = i + 1;
    const eq = contentType.indexOf("=", start);
    if (eq === -1) return undefined;
    const semi = contentType.indexOf(";", start);
    if (semi !== -1 && semi < eq) {
      i = semi; // a parameter without a value (`; charset; boundary=x`): skip it
      continue;
    }
    const name = contentType.slice(start, eq).trim().toLowerCase();
    let value: string;
    let next: number;
    if (contentType[eq + 1] === '"') {
      const [text, close] = quoted(contentType, eq + 2);
      value = text;
      next = contentType.indexOf(";", close);
    } else {
      next = contentType.indexOf(";", eq + 1);
      value = contentType.slice(eq + 1, next === -1 ? undefined : next).trim();
    }
    if (name === wanted) return value;
    i = next;
  }
  return undefined;
}

/** A quoted-string starting after its opening quote: its text and the index after it. */
function quoted(text: string, from: number): [string, number] {
  let out = "";
  let i = from;
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === '"') return [out, i + 1];
    if (c === "\\" && i + 1 < text.length) i++;
    out += text[i];
  }
  return [out, i];
}
