import { STATUS_CODES } from "node:http";
import type { HttpExchange } from "./http-exchanges";
import { type Bindings, matchJson, matchText, substitute } from "./placeholders";
import type { ActualResponse, Target } from "./target";

const decoder = new TextDecoder();

function isJson(headers: ActualResponse["headers"]): boolean {
  const type = headers.find(([name]) => name === "content-type")?.[1] ?? "";
  return /^application\/([\w.-]+\+)?json\s*(;|$)/i.test(type);
}

/** The response as the guide would write it, for failure messages. */
export function formatResponse(response: ActualResponse): string {
  const lines = [`HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ""}`];
  for (const [name, value] of response.headers) lines.push(`${name}: ${value}`);
  const body = decoder.decode(response.body);
  if (body === "") return lines.join("\n");
  let shown = body;
  if (isJson(response.headers)) {
    try {
      shown = JSON.stringify(JSON.parse(body), null, 2);
    } catch {
      // Not JSON after all: show it as it came.
    }
  }
  lines.push("", shown);
  return lines.join("\n");
}

/** Compares a response with what the guide says; returns the differences (none: it matches). */
export function compareResponse(
  expected: HttpExchange["response"],
  actual: ActualResponse,
  bindings: Bindings,
): string[] {
  const problems: string[] = [];
  const found = new Map<string, string>();
  const known = () => new Map([...bindings, ...found]);
  if (expected.status !== actual.status) {
    problems.push(`status: expected ${expected.status}, got ${actual.status}`);
  }
  const reason = STATUS_CODES[expected.status];
  if (expected.reason !== "" && expected.reason !== reason) {
    problems.push(
      `the reason phrase of ${expected.status} is "${reason}", not "${expected.reason}"`,
    );
  }
  const names = [...new Set(expected.headers.map(([name]) => name))];
  for (const name of names) {
    const want = expected.headers.filter(([n]) => n === name).map(([, value]) => value);
    const got = actual.headers.filter(([n]) => n === name).map(([, value]) => value);
    if (want.length !== got.length) {
      problems.push(`${name}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
      continue;
    }
    want.forEach((value, index) => {
      const matched = matchText(value, got[index] as string, known());
      if (matched === null) {
        problems.push(
          `${name}: expected ${JSON.stringify(value)}, got ${JSON.stringify(got[index])}`,
        );
      } else for (const [key, bound] of matched) found.set(key, bound);
    });
  }
  const text = decoder.decode(actual.body);
  if (expected.body === "...") {
    // Any body: the guide does not show it.
  } else if (expected.body !== "" && isJson(actual.headers)) {
    let parsed: { expected: unknown; actual: unknown } | undefined;
    try {
      parsed = { expected: JSON.parse(expected.body), actual: JSON.parse(text) };
    } catch (error) {
      problems.push(`body: ${(error as Error).message}`);
    }
    if (parsed !== undefined) {
      const merged = known();
      problems.push(...matchJson(parsed.expected, parsed.actual, merged));
      for (const [key, value] of merged) if (!bindings.has(key)) found.set(key, value);
    }
  } else {
    const matched = matchText(expected.body, text.replace(/\n+$/, ""), known());
    if (matched === null)
      problems.push(`body: expected ${JSON.stringify(expected.body)}, got ${JSON.stringify(text)}`);
    else for (const [key, value] of matched) found.set(key, value);
  }
  if (problems.length === 0) for (const [key, value] of found) bindings.set(key, value);
  return problems;
}

/** A multipart body needs CRLF line endings; a guide's text has LF. */
function requestBody(request: HttpExchange["request"], bindings: Bindings): string | undefined {
  if (request.body === undefined) return undefined;
  const body = substitute(request.body, bindings);
  const type = request.headers.find(([name]) => name.toLowerCase() === "content-type")?.[1];
  return type !== undefined && /^multipart\//i.test(type) ? body.replace(/\r?\n/g, "\r\n") : body;
}

/** Sends the exchange's request (placeholders filled in) and compares the response. */
export async function runExchange(
  target: Target,
  exchange: HttpExchange,
  bindings: Bindings,
): Promise<{ problems: string[]; actual: ActualResponse }> {
  const { request } = exchange;
  const actual = await target.request({
    method: request.method,
    target: substitute(request.target, bindings),
    headers: request.headers.map(([name, value]) => [name, substitute(value, bindings)]),
    body: requestBody(request, bindings),
  });
  return { problems: compareResponse(exchange.response, actual, bindings), actual };
}
