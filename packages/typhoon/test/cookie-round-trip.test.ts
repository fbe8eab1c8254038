/**
 * The cookie round trip, Starlette's way: what an app sets with `Response.setCookie` comes
 * back to it unchanged through the test client's jar (which, like a browser, stores and
 * returns the raw quoted value), and cookies passed per call reach the app as written.
 */
import fc from "fast-check";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { Body, Cookie, Response, Typhoon } from "../src/index";
import { TestClient } from "../src/testing/index";

function makeApp() {
  const app = new Typhoon();
  app.post(
    "/set",
    { params: { value: Body(v.string(), { embed: true }), response: Response } },
    ({ value, response }) => {
      response.setCookie("c", value, { httpOnly: true });
      return null;
    },
  );
  app.get("/read", { params: { c: Cookie(v.optional(v.string())) } }, ({ c }) => ({
    c: c ?? null,
  }));
  return app;
}

// Any code point, lone surrogates included (fast-check's "binary" unit costs a second to set up).
const anyCodePoint = fc
  .integer({ min: 0, max: 0x10ffff })
  .map((code) => String.fromCodePoint(code));

describe("a cookie the app sets comes back to it unchanged", () => {
  it.each([["a b"], ["a;b, c=d"], ['say "hi" \\o/'], ["café Ā €"], ["👍🏽"], ["a%20b"], [""]])(
    "%j",
    async (value) => {
      const client = new TestClient(makeApp());
      await client.post("/set", { json: { value } });
      expect((await client.get("/read")).json()).toEqual({ c: value });
    },
  );

  it("any string", async () => {
    const client = new TestClient(makeApp());
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: anyCodePoint, maxLength: 24 }), async (value) => {
        await client.post("/set", { json: { value } });
        expect((await client.get("/read")).json()).toEqual({ c: value });
      }),
      { numRuns: 200 },
    );
  });

  it("the jar keeps the raw value the server set, quotes included", async () => {
    const client = new TestClient(makeApp());
    const response = await client.post("/set", { json: { value: "a;b" } });
    expect(response.headers.get("set-cookie")).toBe('c="a\\073b"; HttpOnly; Path=/; SameSite=lax');
    expect(client.cookies.get("c")).toBe('"a\\073b"');
  });
});

describe("per-call cookies are sent as written", () => {
  const client = new TestClient(makeApp());
  const read = async (c: string) => (await client.get("/read", { cookies: { c } })).json().c;

  it("reach the app as written, never percent-encoded", async () => {
    expect(await read("a b")).toBe("a b");
    expect(await read("a%20b")).toBe("a%20b");
    expect(await read("a,b=c")).toBe("a,b=c");
    // A quoted value is unquoted by the app, as Starlette reads it.
    expect(await read('"a\\073b"')).toBe("a;b");
  });

  it("refuse a value the Cookie header cannot carry as written", async () => {
    await expect(read("a;b")).rejects.toThrow(/Cookie c's value "a;b" cannot be sent as written/);
    await expect(read("a\r\nb")).rejects.toThrow(/cannot be sent as written/);
    await expect(read("€")).rejects.toThrow(/cannot be sent as written/);
  });
});
