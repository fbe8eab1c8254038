// Setting cookies. Reading them is the server's `parseCookies` / `cookieValue` (Starlette's rules).

export interface CookieOptions {
  maxAge?: number;
  expires?: Date | string | number;
  path?: string;
  domain?: string;
  secure?: boolean;
  httpOnly?: boolean;
  /** Default `"lax"` (Starlette's default); `false` leaves the attribute out. */
  sameSite?: "lax" | "strict" | "none" | false;
  partitioned?: boolean;
}

// RFC 6265 token characters; anything else in a name would let a value break the header.
const cookieName = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const unsafeAttribute = /[;\r\n\0]/;
// Python's `http.cookies._LegalChars`: a value made only of these is written as it is.
const legalValue = /^[A-Za-z0-9!#$%&'*+\-.^_`|~:]+$/;
// What Python leaves unescaped inside the quotes: the legal characters, space and ()/<=>?@[]{}.
const unescaped = /[A-Za-z0-9!#$%&'*+\-.^_`|~: ()/<=>?@[\]{}]/;

/**
 * Builds one `Set-Cookie` value. Names are validated and values quoted as Starlette's
 * `set_cookie` quotes them, so user input cannot inject attributes or headers.
 */
export function serializeCookie(name: string, value: string, options: CookieOptions = {}): string {
  if (!cookieName.test(name)) throw new TypeError(`Invalid cookie name: ${JSON.stringify(name)}`);
  let out = `${name}=${quoteCookieValue(value)}`;
  if (options.domain !== undefined) out += `; Domain=${checked("Domain", options.domain)}`;
  if (options.expires !== undefined) out += `; Expires=${new Date(options.expires).toUTCString()}`;
  if (options.httpOnly) out += "; HttpOnly";
  if (options.maxAge !== undefined) out += `; Max-Age=${Math.trunc(options.maxAge)}`;
  if (options.partitioned) out += "; Partitioned";
  out += `; Path=${checked("Path", options.path ?? "/")}`;
  const sameSite = options.sameSite ?? "lax";
  if (sameSite !== false) out += `; SameSite=${sameSite}`;
  if (options.secure) out += "; Secure";
  return out;
}

function checked(attribute: string, value: string): string {
  if (unsafeAttribute.test(value))
    throw new TypeError(`Invalid cookie ${attribute}: ${JSON.stringify(value)}`);
  return value;
}

/**
 * A cookie value as Python's `http.cookies._quote` writes it: as it is when it is made only of
 * legal characters, otherwise in double quotes with `"` and `\` backslash-escaped and every
 * other character outside the unescaped set as a 3-digit octal escape of its code (0-255).
 * Python leaves characters above U+00FF as they are, which a latin-1 header cannot carry;
 * they are written as `\u{hex}` (their code point, or a lone surrogate's code unit), which the
 * server's cookie reader turns back into the character. The output is printable ASCII without
 * `;` or `,`, so it never ends the cookie, and it reads back as exactly `value`.
 */
export function quoteCookieValue(value: string): string {
  if (legalValue.test(value)) return value;
  let out = '"';
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (char === '"' || char === "\\") out += `\\${char}`;
    else if (unescaped.test(char)) out += char;
    else if (code <= 0xff) out += `\\${code.toString(8).padStart(3, "0")}`;
    else out += `\\u{${code.toString(16)}}`;
  }
  return `${out}"`;
}
