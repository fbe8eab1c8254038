import { describe, expect, it } from "vitest";
import { type HttpExchange, type HttpResponseSpec, parseHttpBlock } from "./http-exchanges";
import { compareResponse, formatResponse, runExchange } from "./run-http";
import type { OutgoingRequest, Target } from "./target";

const encode = (text: string) => new TextEncoder().encode(text);
const json = (body: string, headers: [string, string][] = []) => ({
  status: 200,
  headers: [["content-type", "application/json"], ...headers] as [string, string][],
  body: encode(body),
});
const expected = (spec: Partial<HttpResponseSpec>): HttpResponseSpec => ({
  status: 200,
  reason: "OK",
  headers: [],
  body: "",
  ...spec,
});

describe("compareResponse", () => {
  it("compares JSON bodies as JSON, whatever their layout", () => {
    const actual = json('{"a":[1,2]}');
    expect(compareResponse(expected({ body: '{\n  "a": [1, 2]\n}' }), actual, new Map())).toEqual(
      [],
    );
    expect(compareResponse(expected({ body: '{"a": [1]}' }), actual, new Map())).toEqual([
      "body.a: expected 1 items, got 2: [1,2]",
    ]);
  });

  it("checks the status, its reason phrase, and every header shown", () => {
    const actual = json("{}", [
      ["set-cookie", "a=1"],
      ["set-cookie", "b=2"],
    ]);
    const problems = compareResponse(
      expected({
        status: 201,
        reason: "Made",
        headers: [
          ["set-cookie", "a=1"],
          ["x-missing", "yes"],
        ],
        body: "{}",
      }),
      actual,
      new Map(),
    );
    expect(problems).toEqual([
      "status: expected 201, got 200",
      'the reason phrase of 201 is "Created", not "Made"',
      'set-cookie: expected ["a=1"], got ["a=1","b=2"]',
      'x-missing: expected ["yes"], got []',
    ]);
  });

  it("compares other bodies as text, without trailing newlines; ... accepts any body", () => {
    const text = {
      status: 200,
      headers: [["content-type", "text/plain"]] as [string, string][],
      body: encode("1\n2\n"),
    };
    expect(compareResponse(expected({ body: "1\n2" }), text, new Map())).toEqual([]);
    expect(compareResponse(expected({ body: "..." }), text, new Map())).toEqual([]);
    expect(compareResponse(expected({ body: "" }), text, new Map())).toHaveLength(1);
    expect(compareResponse(expected({ body: "" }), json(""), new Map())).toEqual([]);
  });

  it("binds placeholders of headers and bodies only when the whole response matches", () => {
    const bindings = new Map<string, string>();
    const actual = json('{"token":"abc"}', [["x-time", "0.002"]]);
    const spec = expected({ headers: [["x-time", "{{t}}"]], body: '{"token": "{{token}}"}' });
    expect(compareResponse({ ...spec, status: 404, reason: "" }, actual, bindings)).toHaveLength(1);
    expect(bindings.size).toBe(0);
    expect(compareResponse(spec, actual, bindings)).toEqual([]);
    expect(Object.fromEntries(bindings)).toEqual({ t: "0.002", token: "abc" });
  });

  it("reports an expected body that is not JSON", () => {
    expect(compareResponse(expected({ body: "{oops" }), json("{}"), new Map())[0]).toMatch(
      /^body: /,
    );
  });
});

describe("formatResponse", () => {
  it("writes the response as a guide would, JSON indented", () => {
    expect(formatResponse(json('{"a":1}'))).toBe(
      'HTTP/1.1 200 OK\ncontent-type: application/json\n\n{\n  "a": 1\n}',
    );
    expect(formatResponse({ status: 204, headers: [], body: new Uint8Array() })).toBe(
      "HTTP/1.1 204 No Content",
    );
  });
});

describe("compareResponse with a wrong status", () => {
  it("still reports the body's differences", () => {
    const problems = compareResponse(
      expected({ status: 201, reason: "", body: '{"a": 2}' }),
      json('{"a":1}'),
      new Map(),
    );
    expect(problems).toEqual(["status: expected 201, got 200", "body.a: expected 2, got 1"]);
  });
});

describe("runExchange", () => {
  it("fills in placeholders and sends multipart bodies with CRLF line endings", async () => {
    const sent: OutgoingRequest[] = [];
    const target: Target = {
      name: "fake",
      async request(request) {
        sent.push(request);
        return { status: 204, headers: [], body: new Uint8Array() };
      },
      websocket: () => Promise.reject(new Error("unused")),
      close: async () => {},
    };
    const bindings = new Map([["id", "42"]]);
    const [exchange] = parseHttpBlock(
      "POST /files/{{id}}\nContent-Type: multipart/form-data; boundary=b\n\n--b\nX: {{id}}\n--b--\n\nHTTP/1.1 204 No Content\n",
    );
    const result = await runExchange(target, exchange as HttpExchange, bindings);
    expect(result.problems).toEqual([]);
    expect(sent[0]?.target).toBe("/files/42");
    expect(sent[0]?.body).toBe("--b\r\nX: 42\r\n--b--");
  });
});
