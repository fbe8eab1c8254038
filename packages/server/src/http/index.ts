// The HTTP vocabulary every layer above the interface shares: readers of the scope's headers,
// query string and cookies, the body reader, the no-body statuses and the HTTP error shape.
export { BodyTooLarge, bodyMessage, type CollectBodyOptions, collectBody } from "./body";
export { cookieValue, parseCookieHeader, parseCookies, unquoteCookieValue } from "./cookies";
export { HTTPException, statusText } from "./exception";
export { headerValue, headerValues } from "./headers";
export { percentDecode } from "./percent-decode";
export { decodeFormComponent, queryPairs, queryValue, queryValues } from "./query";
export { statusHasNoBody } from "./status";
