/**
 * Property-based bad input (fast-check, seeded and bounded): whatever bytes a client puts in
 * the request target, a header value or the whole request, the server answers with the app's
 * 200 or its own JSON 4xx, hands the app exactly what was sent, and keeps serving.
 */

import {
  header,
  jsonBody,
  RawConnection,
  type RawResponse,
  sendRaw,
} from "@typhoon-tooling/test-support";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ServerApp } from "../../src/types";
import { expectNoErrorsLogged, expectStillServing, startServer } from "./harness";

const RUNS = { numRuns: 60, seed: 20_260_601 };

/** Answers with what the host gave it: raw path, query, decoded path and one header. */
const mirror: ServerApp = async (scope, _receive, send) => {
  if (scope.type !== "http") return;
  const probe = scope.headers.find(([name]) => name === "x-probe")?.[1] ?? null;
  const body = JSON.stringify({
    raw: scope.raw_path,
    query: scope.query_string,
    path: scope.path,
    probe,
  });
  await send({
    type: "http.response.start",
    status: 200,
    headers: [["content-type", "application/json"]],
  });
  await send({ type: "http.response.body", body: Buffer.from(body) });
};

/**
 * Characters that stress a request target: controls, separators, escapes, non-ASCII. (Space,
 * tab, CR and LF end the target itself: http-malformed.test.ts covers them.)
 */
const nasty = fc.constantFrom(
  ..."abc/.%2e%2f?#&=+;:\0\\\"'<>{}|^`~[]@!$()*,".split(""),
  "%",
  "%00",
  "%zz",
  "%c3%28",
  "..",
  "é",
  "\u2028",
  "\uffff",
  "\x7f",
  "\x80",
);

function expectOkOrJsonClientError(response: RawResponse | undefined): void {
  expect(response).toBeDefined();
  if (response === undefined) return;
  if (response.status === 200) return;
  expect(response.status).toBeGreaterThanOrEqual(400);
  expect(response.status).toBeLessThan(500);
  expect(header(response, "content-type")).toMatch(/^application\/json/);
  expect(typeof (jsonBody(response) as { detail: unknown }).detail).toBe("string");
}

describe("property: the request target", () => {
  it("is answered 200 with raw_path + query exactly as sent, or refused with a JSON 400", async () => {
    const server = await startServer(mirror);
    await fc.assert(
      fc.asyncProperty(fc.array(nasty, { maxLength: 40 }), async (pieces) => {
        const target = `/${pieces.join("")}`;
        const [response] = await sendRaw(
          server.port,
          Buffer.from(`GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`, "latin1"),
        );
        expectOkOrJsonClientError(response);
        if (response?.status === 200) {
          const seen = jsonBody(response) as { raw: string; query: string; path: string };
          const q = target.indexOf("?");
          expect(seen.raw).toBe(q === -1 ? target : target.slice(0, q));
          expect(seen.query).toBe(q === -1 ? "" : target.slice(q + 1));
          // Decoding never invents a separator the raw path did not spell (as / or %2f).
          expect(seen.path.split("/").length).toBeLessThanOrEqual(seen.raw.split(/\/|%2f/i).length);
        }
      }),
      RUNS,
    );
    await expectStillServing(server);
    expectNoErrorsLogged(server);
  });
});

describe("property: a header value", () => {
  it("reaches the app unchanged (trimmed) or is refused with a JSON 400", async () => {
    const server = await startServer(mirror);
    const byte = fc.integer({ min: 0, max: 255 }).map((b) => String.fromCharCode(b));
    await fc.assert(
      fc.asyncProperty(fc.array(byte, { maxLength: 60 }), async (chars) => {
        const value = chars.join("");
        const request = `GET /h HTTP/1.1\r\nHost: x\r\nX-Probe: ${value}\r\nConnection: close\r\n\r\n`;
        const responses = await sendRaw(server.port, Buffer.from(request, "latin1"));
        expectOkOrJsonClientError(responses[0]);
        if (responses[0]?.status === 200 && !/[\r\n]/.test(value)) {
          const seen = jsonBody(responses[0]) as { probe: string | null };
          expect(seen.probe).toBe(value.replace(/^[ \t]+|[ \t]+$/g, ""));
        }
      }),
      RUNS,
    );
    await expectStillServing(server);
    expectNoErrorsLogged(server);
  });
});

describe("property: arbitrary bytes as a request", () => {
  it("never crash the server: the connection ends with nothing or a JSON 4xx", async () => {
    const server = await startServer(mirror, {
      limits: { headersTimeout: 1_000, requestTimeout: 2_000 },
    });
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 300 }), async (bytes) => {
        const connection = await RawConnection.connect(server.port);
        connection.write(Buffer.from(bytes));
        connection.end();
        const responses = await connection.responsesUntilClosed();
        for (const response of responses) expectOkOrJsonClientError(response);
      }),
      { ...RUNS, numRuns: 80 },
    );
    await expectStillServing(server);
    expectNoErrorsLogged(server);
  });
});
