import { describe, expect, it } from "vitest";
import { TestResponse } from "./test-response";

describe("TestResponse reads like httpx's", () => {
  it("has httpx's names beside the old ones", () => {
    const body = new TextEncoder().encode('{"a":1}');
    const res = new TestResponse(201, [["content-type", "application/json"]], body, {
      url: "http://testserver/items",
    });
    expect([res.status, res.statusCode]).toEqual([201, 201]);
    expect([res.ok, res.isSuccess, res.isRedirect]).toEqual([true, true, false]);
    expect(res.content).toBe(res.body);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.json()).toEqual({ a: 1 });
    expect(res.text).toBe('{"a":1}');
    expect(res.url).toBe("http://testserver/items");
    expect(res.history).toEqual([]);
  });

  it("lists the cookies this response set, raw, without the ones it removed", () => {
    const res = new TestResponse(
      302,
      [
        ["location", "/"],
        ["set-cookie", 'sid="a b"; Path=/; HttpOnly'],
        ["set-cookie", "old=; Max-Age=0"],
      ],
      new Uint8Array(),
    );
    expect(res.cookies).toEqual({ sid: '"a b"' });
    expect([res.isRedirect, res.isSuccess]).toEqual([true, false]);
    expect(new TestResponse(302, [], new Uint8Array()).isRedirect).toBe(false);
  });
});
