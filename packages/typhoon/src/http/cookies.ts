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

/** Builds one `Set-Cookie` value. Names are validated and values encoded, so user input cannot inject attributes or headers. */
export function serializeCookie(name: string, value: string, options: CookieOptions = {}): string {
  if (!cookieName.test(name)) throw new TypeError(`Invalid cookie name: ${JSON.stringify(name)}`);
  let out = `${name}=${encodeURIComponent(value)}`;
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
