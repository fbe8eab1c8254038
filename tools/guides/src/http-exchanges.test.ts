import { describe, expect, it } from "vitest";
import { type HttpBlockError, parseHttpBlock } from "./http-exchanges";

describe("parseHttpBlock", () => {
  it("reads requests with headers and bodies, and responses with headers and bodies", () => {
    const block = [
      "# Create one",
      "POST /items?x=1 HTTP/1.1",
      "Content-Type: application/json",
      "",
      '{"name": "Foo",',
      ' "price": 1}',
      "",
      "HTTP/1.1 201 Created",
      "Content-Type: application/json",
      "",
      '{"name": "Foo"}',
      "",
      "GET /items",
      "",
      "HTTP/1.1 204 No Content",
      "",
    ].join("\n");
    expect(parseHttpBlock(block)).toEqual([
      {
        line: 2,
        request: {
          method: "POST",
          target: "/items?x=1",
          headers: [["Content-Type", "application/json"]],
          body: '{"name": "Foo",\n "price": 1}',
        },
        response: {
          status: 201,
          reason: "Created",
          headers: [["content-type", "application/json"]],
          body: '{"name": "Foo"}',
        },
      },
      {
        line: 13,
        request: { method: "GET", target: "/items", headers: [], body: undefined },
        response: { status: 204, reason: "No Content", headers: [], body: "" },
      },
    ]);
  });

  it("separates exchanges with ### too, and keeps a text body that looks like a request", () => {
    const block = "GET /a\n\nHTTP/1.1 200 OK\n\nGET /b is text\n###\nGET /c\n\nHTTP/1.1 200 OK\n";
    const exchanges = parseHttpBlock(block);
    expect(exchanges.map((e) => e.request.target)).toEqual(["/a", "/c"]);
    expect(exchanges[0]?.response.body).toBe("GET /b is text");
  });

  it("says what is wrong, and where", () => {
    const error = (block: string) => {
      try {
        parseHttpBlock(block);
      } catch (caught) {
        return [(caught as HttpBlockError).line, (caught as Error).message];
      }
      return undefined;
    };
    expect(error("FETCH /a")).toEqual([1, 'expected a request line "METHOD /path", got FETCH /a']);
    expect(error("GET /a\nnot a header")).toEqual([
      2,
      'expected a header line "Name: value", got not a header',
    ]);
    expect(error("GET /a\n")?.[1]).toMatch(/has no "HTTP\/1.1 <status>" response/);
    expect(error("# only a comment\n")?.[1]).toBe("an http block without a request");
  });
});
