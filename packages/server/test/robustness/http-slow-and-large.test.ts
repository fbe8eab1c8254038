/**
 * Clients that are slow or send too much: slowloris heads and bodies get 408 from the short
 * timeouts configured here, an oversized body is stopped with 413 while it streams (the app
 * never holds more than the limit), and the server keeps serving everyone else meanwhile.
 */

import { jsonBody, RawConnection, sleep } from "@typhoon-tooling/test-support";
import { describe, expect, it } from "vitest";
import type { ServerApp } from "../../src/types";
import { expectJsonError, expectNoErrorsLogged, expectStillServing, startServer } from "./harness";

const H = "Host: x\r\n";
const TIMEOUTS = { headersTimeout: 300, requestTimeout: 600 };

/** Writes `pieces` one by one, `everyMs` apart, while the connection is open. */
async function drip(connection: RawConnection, pieces: string[], everyMs: number): Promise<number> {
  let sent = 0;
  for (const piece of pieces) {
    if (connection.isClosed) break;
    connection.write(piece);
    sent++;
    await sleep(everyMs);
  }
  return sent;
}

describe("slow clients", () => {
  it("408 for a head sent one byte at a time (slowloris), while others are served", async () => {
    const server = await startServer(undefined, { limits: TIMEOUTS });
    const connection = await RawConnection.connect(server.port);
    const head = `GET /slow HTTP/1.1\r\n${H}${"X-Pad: 1\r\n".repeat(50)}\r\n`;
    const dripping = drip(connection, [...head], 20);
    await sleep(100);
    await expectStillServing(server); // mid-attack
    const [answer] = await connection.responsesUntilClosed();
    expectJsonError(answer, 408);
    expect(await dripping).toBeLessThan(head.length); // cut before the head was complete
    expect(server.calls).toEqual(["GET /ping"]);
    await expectStillServing(server);
  });

  it("408 for a body that trickles in slower than requestTimeout allows", async () => {
    let received = 0;
    const app: ServerApp = async (scope, receive) => {
      if (scope.type !== "http") return;
      for (let i = 0; i < 10_000; i++) {
        const message = await receive();
        if (message.type !== "http.request") return;
        received += message.body.length;
        if (!message.more_body) return;
      }
    };
    const server = await startServer(app, { limits: TIMEOUTS });
    const connection = await RawConnection.connect(server.port);
    connection.write(`POST /upload HTTP/1.1\r\n${H}Content-Length: 1000\r\n\r\n`);
    const dripping = drip(
      connection,
      Array.from({ length: 1000 }, () => "x"),
      20,
    );
    const [answer] = await connection.responsesUntilClosed();
    expectJsonError(answer, 408);
    expect(received).toBeLessThan(1000);
    await dripping;
    await expectStillServing(server);
    expectNoErrorsLogged(server);
  });

  it("408 for a connection that opens and says nothing", async () => {
    const server = await startServer(undefined, { limits: TIMEOUTS });
    const connection = await RawConnection.connect(server.port);
    const [answer] = await connection.responsesUntilClosed();
    expectJsonError(answer, 408);
    await expectStillServing(server);
  });

  it("many idle slowloris connections do not stop a normal client", async () => {
    const server = await startServer(undefined, { limits: { ...TIMEOUTS, maxConnections: 50 } });
    const idle = await Promise.all(
      Array.from({ length: 20 }, () => RawConnection.connect(server.port)),
    );
    for (const connection of idle) connection.write("GET / HTTP/1.1\r\n");
    await expectStillServing(server);
    const answers = await Promise.all(idle.map((connection) => connection.responsesUntilClosed()));
    for (const [answer] of answers) expectJsonError(answer, 408);
  });
});

describe("bodies over maxBodySize", () => {
  const LIMIT = 4096;

  it("a chunked upload is stopped with 413 while it streams; the app got at most the limit", async () => {
    let received = 0;
    const types: string[] = [];
    const app: ServerApp = async (scope, receive, send) => {
      if (scope.type !== "http") return;
      for (let i = 0; i < 10_000; i++) {
        const message = await receive();
        types.push(message.type);
        if (message.type !== "http.request") break;
        received += message.body.length;
        if (!message.more_body) break;
      }
      await send({ type: "http.response.start", status: 200 });
      await send({ type: "http.response.body", body: Buffer.from("too late") });
    };
    const server = await startServer(app, { limits: { maxBodySize: LIMIT } });
    const connection = await RawConnection.connect(server.port);
    connection.write(`POST /upload HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n`);
    // 1 KiB chunks, 20 ms apart; the client would send 64 KiB and never ends the body itself.
    const chunk = `400\r\n${"y".repeat(1024)}\r\n`;
    const sent = await drip(
      connection,
      Array.from({ length: 64 }, () => chunk),
      20,
    );
    const [answer] = await connection.responsesUntilClosed();
    expectJsonError(answer, 413);
    expect(jsonBody(answer!)).toEqual({ detail: "Payload Too Large" });
    expect(sent).toBeLessThan(64); // refused long before the client was done
    expect(received).toBeLessThanOrEqual(LIMIT);
    expect(types.at(-1)).toBe("http.disconnect");
    await expectStillServing(server);
    expectNoErrorsLogged(server);
  });

  it("an unread body past the limit after the response: the connection is dropped, not drained forever", async () => {
    const server = await startServer(undefined, { limits: { maxBodySize: LIMIT } });
    const connection = await RawConnection.connect(server.port);
    // /ping answers without reading; the rest of the body is discarded up to the limit.
    connection.write(`POST /ping HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n`);
    const answer = await connection.response();
    expect(answer.status).toBe(200);
    const chunk = `400\r\n${"z".repeat(1024)}\r\n`;
    const sent = await drip(
      connection,
      Array.from({ length: 64 }, () => chunk),
      10,
    );
    await connection.untilClosed();
    expect(sent).toBeLessThan(64);
    await expectStillServing(server);
  });

  it("a Content-Length over the limit is refused before one body byte is read", async () => {
    const server = await startServer(undefined, { limits: { maxBodySize: LIMIT } });
    const connection = await RawConnection.connect(server.port);
    connection.write(`POST /upload HTTP/1.1\r\n${H}Content-Length: ${LIMIT + 1}\r\n\r\n`);
    const [answer] = await connection.responsesUntilClosed();
    expectJsonError(answer, 413);
    expect(server.calls).toEqual([]);
  });
});
