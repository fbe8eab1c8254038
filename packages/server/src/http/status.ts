/** Responses that never carry a body, whatever the app sends (RFC 9110 §6.4.1). */
export function statusHasNoBody(status: number): boolean {
  return status === 204 || status === 304 || status < 200;
}
