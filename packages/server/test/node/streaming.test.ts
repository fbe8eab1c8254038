import http from "node:http";
import { Readable } from "node:stream";
import { RawConnection, sleep, statusOf } from "@typhoon-tooling/test-support";
import fetch from "node-fetch";
import { describe, expect, it } from "vitest";
import type { ServerApp } from "../../src/types";
import { readBody, startServer, textApp } from "./helpers";

describe("request bodies", () => {
  it("streams a chunked upload to the app in several http.request messages", async () => {
    let seen: string[] = [];
    const server = await startServer(async (scope, receive, send) => {
      if (scope.type !== "http") return;
      seen = await readBody(receive);
      await send({ type: "http.response.start", status: 200 });
      await send({ type: "http.response.body", body: Buffer.from(seen.join("")) });
    });
    async function* upload() {
      for (const part of ["alpha-", "beta-", "gamma"]) {
        yield Buffer.from(part);
        await sleep(30); // separate TCP writes so the server sees separate chunks
      }
    }
    const res = await fetch(`${server.url}/upload`, {
      method: "POST",
      body: Readable.from(upload()),
    });
    expect(await res.text()).toBe("alpha-beta-gamma");
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen.join("")).toBe("alpha-beta-gamma");
  });

  it("gives a request without body one empty final message", async () => {
    const messages: unknown[] = [];
    const server = await startServer(async (scope, receive, send) => {
      if (scope.type !== "http") return;
      messages.push(await receive());
      await send({ type: "http.response.start", status: 204 });
      await send({ type: "http.response.body" });
    });
    const res = await fetch(server.url);
    expect(res.status).toBe(204);
    expect(messages).toEqual([{ type: "http.request", body: new Uint8Array(0), more_body: false }]);
  });

  it("does not read a body the app never asks for, and the connection stays usable", async () => {
    const server = await startServer(textApp((scope) => `no read ${scope.path}`));
    const client = await RawConnection.connect(server.port);
    client.write("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");
    client.write("GET /b HTTP/1.1\r\nHost: x\r\n\r\n");
    const raw = await client.until((r) => r.includes("no read /b"));
    expect(raw).toContain("no read /a");
    expect(client.isClosed).toBe(false);
  });

  it("drains what is left of a partly read body so keep-alive goes on", async () => {
    const server = await startServer(async (scope, receive, send) => {
      if (scope.type !== "http") return;
      const first = scope.method === "POST" ? await receive() : undefined;
      await send({ type: "http.response.start", status: 200 });
      const got = first?.type === "http.request" ? Buffer.from(first.body).toString() : "-";
      await send({ type: "http.response.body", body: Buffer.from(`first=${got};`) });
    });
    const client = await RawConnection.connect(server.port);
    client.write("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n");
    await client.until((r) => r.includes("first=abc;"));
    client.write("3\r\ndef\r\n0\r\n\r\nGET /next HTTP/1.1\r\nHost: x\r\n\r\n");
    await client.until((r) => r.includes("first=-;"));
    expect(client.isClosed).toBe(false);
  });

  it("answers Expect: 100-continue only when the app reads the body", async () => {
    const server = await startServer(async (scope, receive, send) => {
      if (scope.type !== "http") return;
      const body = scope.path === "/read" ? (await readBody(receive)).join("") : "skipped";
      await send({ type: "http.response.start", status: 200 });
      await send({ type: "http.response.body", body: Buffer.from(body) });
    });
    const reader = await RawConnection.connect(server.port);
    reader.write(
      "POST /read HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n",
    );
    await reader.until((r) => r.startsWith("HTTP/1.1 100 Continue\r\n\r\n"));
    reader.write("data");
    expect(await reader.until((r) => r.endsWith("data"))).toContain("HTTP/1.1 200 OK");

    const skipper = await RawConnection.connect(server.port);
    skipper.write(
      "POST /skip HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n",
    );
    const raw = await skipper.untilClosed();
    expect(raw).not.toContain("100 Continue");
    expect(raw).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*Connection: close[\s\S]*skipped$/);
  });
});

describe("responses", () => {
  it("streams a response in chunks (chunked encoding, no Content-Length)", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const server = await startServer(async (scope, _receive, send) => {
      if (scope.type !== "http") return;
      await send({
        type: "http.response.start",
        status: 200,
        headers: [["content-type", "text/plain"]],
      });
      await send({ type: "http.response.body", body: Buffer.from("first;"), more_body: true });
      await gate; // the client must see the first chunk before the rest exists
      await send({ type: "http.response.body", body: Buffer.from("second;"), more_body: true });
      await send({ type: "http.response.body", body: Buffer.from("last"), more_body: false });
    });
    const res = await fetch(server.url);
    expect(res.headers.get("transfer-encoding")).toBe("chunked");
    expect(res.headers.get("content-length")).toBeNull();
    const body = res.body as unknown as AsyncIterable<Buffer>;
    const parts: string[] = [];
    for await (const chunk of body) {
      parts.push(chunk.toString());
      if (parts.length === 1) {
        expect(parts[0]).toBe("first;");
        release();
      }
    }
    expect(parts.join("")).toBe("first;second;last");
  });

  it("sends a single-message response with Content-Length and without chunking", async () => {
    const server = await startServer(textApp(() => "héllo"));
    const client = await RawConnection.connect(server.port);
    client.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    const raw = await client.until((r) => r.endsWith("\r\n\r\nh\xc3\xa9llo"));
    expect(raw).toMatch(/\r\ncontent-length: 6\r\n/i);
    expect(raw).not.toMatch(/transfer-encoding/i);
  });

  it("uses the app's Content-Length when streaming", async () => {
    const server = await startServer(async (scope, _receive, send) => {
      if (scope.type !== "http") return;
      await send({ type: "http.response.start", status: 200, headers: [["content-length", "6"]] });
      await send({ type: "http.response.body", body: Buffer.from("abc"), more_body: true });
      await send({ type: "http.response.body", body: Buffer.from("def") });
    });
    const res = await fetch(server.url);
    expect(res.headers.get("content-length")).toBe("6");
    expect(res.headers.get("transfer-encoding")).toBeNull();
    expect(await res.text()).toBe("abcdef");
  });

  it("keeps the connection alive across requests (same client port)", async () => {
    const server = await startServer(textApp((scope) => String(scope.client?.[1])));
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await (await fetch(server.url, { agent })).text();
      const second = await (await fetch(server.url, { agent })).text();
      expect(Number(first)).toBeGreaterThan(0);
      expect(second).toBe(first);
    } finally {
      agent.destroy();
    }
  });

  it("answers HEAD with the headers of GET and no body", async () => {
    const server = await startServer(textApp(() => "twelve bytes"));
    const client = await RawConnection.connect(server.port);
    client.write("HEAD / HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n");
    const raw = await client.until((r) => r.endsWith("twelve bytes"));
    const [head, get] = raw.split(/(?=HTTP\/1\.1 200)/);
    expect(head).toMatch(/content-length: 12\r\n/i);
    expect(head).toMatch(/\r\n\r\n$/); // nothing after the head: the next response follows
    expect(get).toMatch(/content-length: 12\r\n[\s\S]*\r\n\r\ntwelve bytes$/i);
  });

  it("drops the body of a streamed HEAD response", async () => {
    const server = await startServer(async (scope, _receive, send) => {
      if (scope.type !== "http") return;
      await send({ type: "http.response.start", status: 200 });
      await send({
        type: "http.response.body",
        body: Buffer.from("x".repeat(100)),
        more_body: true,
      });
      await send({ type: "http.response.body", body: Buffer.from("y") });
    });
    const client = await RawConnection.connect(server.port);
    client.write("HEAD / HTTP/1.1\r\nHost: x\r\n\r\nHEAD / HTTP/1.1\r\nHost: x\r\n\r\n");
    const raw = await client.until((r) => r.split("HTTP/1.1 200").length === 3);
    await sleep(20);
    expect(client.received).not.toMatch(/[xy]/);
    expect(raw).not.toMatch(/transfer-encoding/i);
  });

  it("never sends a body with 204 or 304", async () => {
    const app: ServerApp = async (scope, _receive, send) => {
      if (scope.type !== "http") return;
      const status = scope.path === "/204" ? 204 : 304;
      await send({ type: "http.response.start", status });
      await send({ type: "http.response.body", body: Buffer.from("ignored") });
    };
    const server = await startServer(app);
    const client = await RawConnection.connect(server.port);
    client.write("GET /204 HTTP/1.1\r\nHost: x\r\n\r\nGET /304 HTTP/1.1\r\nHost: x\r\n\r\n");
    const raw = await client.until((r) => r.includes("304 Not Modified") && r.endsWith("\r\n\r\n"));
    await sleep(20);
    expect(statusOf(raw)).toBe(204);
    expect(client.received).not.toContain("ignored");
    expect(client.received).not.toMatch(/content-length/i);
  });

  it("passes scope fields: method, path (decoded), raw path, query, root path, addresses, state", async () => {
    let seen: unknown;
    const server = await startServer(
      async (scope, receive, send) => {
        if (scope.type === "lifespan") {
          await receive();
          scope.state.ready = true;
          await send({ type: "lifespan.startup.complete" });
          return;
        }
        if (scope.type !== "http") return;
        seen = scope;
        await send({ type: "http.response.start", status: 200 });
        await send({ type: "http.response.body" });
      },
      { rootPath: "/api" },
    );
    await fetch(`${server.url}/caf%C3%A9/a%2Fb?x=1&y=%20`, { headers: { "X-Custom": "one" } });
    expect(seen).toMatchObject({
      type: "http",
      asgi: { version: "3.0" },
      http_version: "1.1",
      method: "GET",
      scheme: "http",
      path: "/café/a/b",
      raw_path: "/caf%C3%A9/a%2Fb",
      query_string: "x=1&y=%20",
      root_path: "/api",
      client: ["127.0.0.1", expect.any(Number)],
      server: ["127.0.0.1", server.port],
      state: { ready: true },
    });
    expect((seen as { headers: unknown[] }).headers).toContainEqual(["x-custom", "one"]);
  });
});
