import { type CheckedRequest, ROUTES, type RouteCase } from "./routes";

/** Sends one request and describes what is wrong with the answer, or returns null. */
export async function checkRequest(
  baseUrl: string,
  request: CheckedRequest,
): Promise<string | null> {
  const response = await fetch(baseUrl + request.path, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    signal: AbortSignal.timeout(5_000),
  });
  const text = await response.text();
  if (!request.status(response.status)) {
    return `${request.what}: status ${response.status}, expected ${request.statusText} (${text.slice(0, 200)})`;
  }
  if (request.check === undefined) return null;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `${request.what}: body is not JSON: ${text.slice(0, 200)}`;
  }
  const complaint = request.check(body);
  return complaint === null ? null : `${request.what}: ${complaint}`;
}

/**
 * The correctness pre-check: every route's measured request once, plus its bad inputs, each
 * asserted on status and body. Returns the list of failures (empty when the server is right).
 */
export async function precheck(
  baseUrl: string,
  routes: readonly RouteCase[] = ROUTES,
): Promise<string[]> {
  const failures: string[] = [];
  for (const route of routes) {
    for (const request of [route.load, ...route.refusals]) {
      const failure = await checkRequest(baseUrl, request).catch(
        (error: unknown) =>
          `${request.what}: ${error instanceof Error ? error.message : String(error)}`,
      );
      if (failure !== null) failures.push(`${route.title} — ${failure}`);
    }
  }
  return failures;
}
