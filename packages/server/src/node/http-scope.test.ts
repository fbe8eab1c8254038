import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import type { Address } from "../types";
import { httpScope, type RequestFacts, type ScopeSite } from "./http-scope";
import { splitTarget } from "./scope";

function fakeRequest(url: string, rawHeaders: string[], method = "POST"): IncomingMessage {
  return {
    url,
    method,
    httpVersion: "1.1",
    rawHeaders,
    socket: {
      remoteAddress: "10.0.0.1",
      remotePort: 5000,
      localAddress: "10.0.0.2",
      localPort: 80,
    },
  } as unknown as IncomingMessage;
}

function site(overrides: Partial<ScopeSite> = {}): ScopeSite {
  return { rootPath: "", state: {}, scheme: "http", serverAddress: undefined, ...overrides };
}

describe("httpScope", () => {
  it("builds the scope in one pass and finds the framing headers", () => {
    const facts: RequestFacts = { contentLength: -1, chunked: false, hostLines: 0 };
    const state = { shared: 1 };
    const scope = httpScope(
      fakeRequest("/a%20b?q=%20", [
        "Host",
        "x",
        "Content-Length",
        "12",
        "X-Two",
        "1",
        "x-two",
        "2",
      ]),
      site({ rootPath: "/root", state, scheme: "https" }),
      facts,
    );
    expect(scope).toEqual({
      type: "http",
      asgi: { version: "3.0", spec_version: "2.4" },
      http_version: "1.1",
      method: "POST",
      scheme: "https",
      path: "/a b",
      raw_path: "/a%20b",
      query_string: "q=%20",
      root_path: "/root",
      headers: [
        ["host", "x"],
        ["content-length", "12"],
        ["x-two", "1"],
        ["x-two", "2"],
      ],
      client: ["10.0.0.1", 5000],
      server: ["10.0.0.2", 80],
      state: { shared: 1 },
      extensions: {},
    });
    expect(scope.state).not.toBe(state);
    expect(facts).toEqual({ contentLength: 12, chunked: false, hostLines: 1 });
  });

  it("notices a chunked body", () => {
    const facts: RequestFacts = { contentLength: 7, chunked: false, hostLines: 3 };
    httpScope(fakeRequest("/", ["Transfer-Encoding", "chunked"]), site(), facts);
    expect(facts).toEqual({ contentLength: -1, chunked: true, hostLines: 0 });
  });

  it("counts Host lines, whatever their case", () => {
    const facts: RequestFacts = { contentLength: -1, chunked: false, hostLines: 0 };
    httpScope(fakeRequest("/", ["Host", "a", "hOsT", "b", "X-Host", "c"]), site(), facts);
    expect(facts.hostLines).toBe(2);
  });

  it("shares the server's one local address instead of reading it from each socket", () => {
    const facts: RequestFacts = { contentLength: -1, chunked: false, hostLines: 0 };
    const shared = Object.freeze(["127.0.0.1", 8000]) as Address;
    const req = fakeRequest("/", []);
    Object.defineProperty(req.socket, "localAddress", {
      get: () => expect.unreachable("the local address was read from the socket"),
    });
    const scope = httpScope(req, site({ serverAddress: shared }), facts);
    expect(scope.server).toBe(shared);
    expect(scope.client).toEqual(["10.0.0.1", 5000]);
  });

  it("reads the client address once per connection", () => {
    const facts: RequestFacts = { contentLength: -1, chunked: false, hostLines: 0 };
    const req = fakeRequest("/", []);
    const first = httpScope(req, site(), facts);
    const second = httpScope(req, site(), facts);
    expect(second.client).toBe(first.client);
    expect(second.server).toBe(first.server);
    expect(Object.isFrozen(first.client)).toBe(true);
  });
});

describe("splitTarget", () => {
  it.each([
    ["/p?q=1", "/p", "q=1"],
    ["/p", "/p", ""],
    ["/p?", "/p", ""],
    ["http://example.com/p/q?x=1", "/p/q", "x=1"],
    ["http://example.com", "/", ""],
    ["http://example.com?x", "/", "x"],
    ["*", "*", ""],
  ])("%s → path %s, query %s", (target, rawPath, query) => {
    expect(splitTarget(target)).toEqual({ rawPath, query });
  });
});
