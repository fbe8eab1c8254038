import { percentDecode } from "./percent-decode";

// Readers of a raw query string (`scope.query_string`, without the `?`), with form decoding:
// `+` is a space and bad escapes are kept as sent. Empty `&&` parts are skipped; `?key` and
// `?key=` both give `""`.

const AMPERSAND = 38;
const EQUALS = 61;
const PERCENT = 37;
const PLUS = 43;

/** Decodes one `application/x-www-form-urlencoded` component: `+` is a space; never throws. */
export function decodeFormComponent(raw: string): string {
  return percentDecode(raw.includes("+") ? raw.replaceAll("+", " ") : raw);
}

/**
 * The last value of `key` (Starlette's rule for a scalar), without decoding the other pairs:
 * a route reads a few known keys, so a request allocates only the values it asks for.
 */
export function queryValue(query: string, key: string): string | undefined {
  let found: string | undefined;
  const length = query.length;
  let start = 0;
  let eq = -1;
  let encoded = false;
  // One pass over the string: each `&` ends a part.
  for (let i = 0; i <= length; i++) {
    const c = i === length ? AMPERSAND : query.charCodeAt(i);
    if (eq === -1 && (c === PERCENT || c === PLUS)) encoded = true;
    if (c === EQUALS && eq === -1) eq = i;
    else if (c === AMPERSAND) {
      if (i > start) {
        const keyEnd = eq === -1 ? i : eq;
        // A key with escapes is compared decoded; a plain one, in place.
        const matches = encoded
          ? decodeFormComponent(query.slice(start, keyEnd)) === key
          : keyEnd - start === key.length && query.startsWith(key, start);
        if (matches) found = keyEnd === i ? "" : decodeFormComponent(query.slice(keyEnd + 1, i));
      }
      start = i + 1;
      eq = -1;
      encoded = false;
    }
  }
  return found;
}

/** Every value of `key`, in order. */
export function queryValues(query: string, key: string): string[] {
  const values: string[] = [];
  for (const [name, value] of queryPairs(query)) if (name === key) values.push(value);
  return values;
}

/** Every `[key, value]` pair, decoded, in order. */
export function queryPairs(query: string): [string, string][] {
  const pairs: [string, string][] = [];
  const length = query.length;
  let start = 0;
  let eq = -1;
  for (let i = 0; i <= length; i++) {
    const c = i === length ? AMPERSAND : query.charCodeAt(i);
    if (c === EQUALS && eq === -1) eq = i;
    else if (c === AMPERSAND) {
      if (i > start) {
        const keyEnd = eq === -1 ? i : eq;
        const name = decodeFormComponent(query.slice(start, keyEnd));
        pairs.push([name, keyEnd === i ? "" : decodeFormComponent(query.slice(keyEnd + 1, i))]);
      }
      start = i + 1;
      eq = -1;
    }
  }
  return pairs;
}
