import { eventually, RawConnection } from "@typhoon-tooling/test-support";
import fetch from "node-fetch";
import { describe, expect, it } from "vitest";
import type { SendMessage, ServerApp } from "../../src/types";
import { startServer } from "./helpers";

/** An app that sends `messages` in order (stopping at the first rejected send). */
function sending(...messages: SendMessage[]): ServerApp {
  return async (scope, _receive, send) => {
    if (scope.type !== "http") return;
    for (const message of messages) await send(message);
  };
}

const start = (status: number, headers: Array<[string, string]> = []): SendMessage => ({
  type: "http.response.start",
  status,
  headers,
});
const body = (text: string, more_body = false): SendMessage => ({
  type: "http.response.body",
  body: Buffer.from(text),
  more_body,
});

async function expect500(app: ServerApp, errorPattern: RegExp) {
  const server = await startServer(app);
  const res = await fetch(server.url);
  expect(res.status).toBe(500);
  expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
  expect(await res.text()).toBe("Internal Server Error");
  await eventually(() => server.logs.some((l) => l.level === "error"));
  const logged = server.logs.find((l) => l.level === "error");
  expect(logged?.message).toBe('Exception in the app while handling "GET /"');
  const error = logged?.error as Error;
  expect(error).toBeInstanceOf(Error);
  expect(error.message).toMatch(errorPattern);
  expect(error.stack).toBeTypeOf("string");
  return server;
}

describe("app errors", () => {
  it("a thrown error becomes a logged 500", async () => {
    await expect500(async () => {
      throw new Error("kaboom");
    }, /kaboom/);
  });

  it("returning without a response is a 500", async () => {
    await expect500(async () => {}, /without sending a response/);
  });

  it("returning after start but before the body is a 500", async () => {
    await expect500(sending(start(200)), /without sending the complete response body/);
  });

  it("an error after the response started cuts the connection (never a corrupt stream)", async () => {
    const server = await startServer(async (scope, _receive, send) => {
      if (scope.type !== "http") return;
      await send(start(200));
      await send(body("partial", true));
      throw new Error("late failure");
    });
    const client = await RawConnection.connect(server.port);
    client.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    const raw = await client.untilClosed();
    expect(raw).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(raw).toContain("partial");
    expect(raw).not.toContain("0\r\n\r\n"); // no terminating chunk: the client knows it was cut
    expect(
      server.logs.some((l) => l.level === "error" && (l.error as Error).message === "late failure"),
    ).toBe(true);
  });

  it("the server stays up after app errors", async () => {
    let calls = 0;
    const server = await startServer(async (scope, _receive, send) => {
      if (scope.type !== "http") return;
      if (calls++ === 0) throw new Error("first call fails");
      await send(start(200));
      await send(body("fine"));
    });
    expect((await fetch(server.url)).status).toBe(500);
    expect(await (await fetch(server.url)).text()).toBe("fine");
  });
});

describe("response validation", () => {
  it("CRLF in a header value is a 500, the injected header never appears", async () => {
    const server = await startServer(
      sending(start(200, [["x-evil", "a\r\nset-cookie: pwned=1"]]), body("no")),
    );
    const client = await RawConnection.connect(server.port);
    client.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    const raw = await client.until((r) => r.endsWith("Internal Server Error"));
    expect(raw).toMatch(/^HTTP\/1\.1 500 /);
    expect(raw).not.toMatch(/pwned|x-evil/i);
    const logged = server.logs.find((l) => l.level === "error")?.error as Error;
    expect(logged.name).toBe("InvalidResponseError");
    expect(logged.message).toMatch(/x-evil/);
  });

  it.each([
    ["a NUL in a value", [["x-a", "a\0b"]]],
    ["a bare LF in a value", [["x-a", "a\nb"]]],
    ["a space in a name", [["bad name", "v"]]],
    ["a colon in a name", [["x:y", "v"]]],
    ["an empty name", [["", "v"]]],
    ["a non-string value", [["x-a", 5 as unknown as string]]],
    ["a non-numeric content-length", [["content-length", "12abc"]]],
  ] as Array<[string, Array<[string, string]>]>)("rejects %s with 500", async (_label, headers) => {
    await expect500(sending(start(200, headers), body("x")), /header|Content-Length/i);
  });

  it.each([[99], [1000], [200.5], [Number.NaN]])("rejects status %s with 500", async (status) => {
    await expect500(sending(start(status), body("x")), /Invalid response status/);
  });

  it.each([
    ["body before start", [body("x")], /before http.response.start/],
    ["start twice", [start(200), start(201)], /sent twice/],
    [
      "unknown message type",
      [{ type: "websocket.accept" } as SendMessage],
      /not valid on an http scope/,
    ],
    [
      "trailers",
      [{ type: "http.response.start", status: 200, trailers: true } as SendMessage],
      /trailers/,
    ],
    [
      "a string body",
      [start(200), { type: "http.response.body", body: "text" } as unknown as SendMessage],
      /Uint8Array/,
    ],
  ] as Array<[string, SendMessage[], RegExp]>)(
    "out of order / malformed: %s → 500",
    async (_label, messages, pattern) => {
      await expect500(sending(...messages), pattern);
    },
  );

  it("a message after the final body is an app error, logged; the response stays intact", async () => {
    const server = await startServer(sending(start(200), body("complete"), body("extra")));
    const res = await fetch(server.url);
    expect(await res.text()).toBe("complete");
    await eventually(() => server.logs.some((l) => l.level === "error"));
    expect(String(server.logs.find((l) => l.level === "error")?.error)).toMatch(
      /after the final body/,
    );
  });

  it("a single body that does not match the declared Content-Length is a 500", async () => {
    await expect500(
      sending(start(200, [["content-length", "10"]]), body("short")),
      /does not match Content-Length/,
    );
  });

  it("streaming more bytes than Content-Length declared cuts the connection", async () => {
    const server = await startServer(
      sending(
        start(200, [["content-length", "4"]]),
        body("abc", true),
        body("defgh", true),
        body(""),
      ),
    );
    const client = await RawConnection.connect(server.port);
    client.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    const raw = await client.untilClosed();
    expect(raw).not.toContain("defgh");
    expect(raw).toMatch(/content-length: 4\r\n/i);
    await eventually(() => server.logs.some((l) => l.level === "error"));
  });

  it("a streamed body shorter than Content-Length cuts the connection", async () => {
    const server = await startServer(
      sending(start(200, [["content-length", "10"]]), body("abc", true), body("")),
    );
    const client = await RawConnection.connect(server.port);
    client.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    const raw = await client.untilClosed();
    expect(raw.endsWith("abc")).toBe(true);
  });
});
