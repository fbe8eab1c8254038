/**
 * What a keep-alive connection costs while idle: its addresses are read once (the server's
 * is shared by all), and nothing of its last request — scope, exchange, IncomingMessage,
 * ServerResponse — stays reachable once the response is done.
 */
import v8 from "node:v8";
import vm from "node:vm";
import { RawConnection } from "@typhoon-tooling/test-support";
import { describe, expect, it } from "vitest";
import type { HTTPScope } from "../../src/types";
import { startServer, textApp } from "./helpers";

v8.setFlagsFromString("--expose-gc");
const collectGarbage = vm.runInNewContext("gc") as () => void;

const GET = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";

function responses(raw: string): number {
  return raw.split("HTTP/1.1 200").length - 1;
}

describe("idle keep-alive connections", () => {
  it("scopes carry the real addresses; the server's is one shared array", async () => {
    const scopes: HTTPScope[] = [];
    const server = await startServer(
      textApp((scope) => {
        scopes.push(scope);
        return "ok";
      }),
    );
    const first = await RawConnection.connect(server.port);
    const second = await RawConnection.connect(server.port);
    first.write(GET);
    await first.until((r) => responses(r) === 1);
    first.write(GET);
    await first.until((r) => responses(r) === 2);
    second.write(GET);
    await second.until((r) => responses(r) === 1);

    const [a, b, c] = scopes as [HTTPScope, HTTPScope, HTTPScope];
    expect(a.client).toEqual(["127.0.0.1", first.socket.localPort]);
    expect(c.client).toEqual(["127.0.0.1", second.socket.localPort]);
    expect(a.server).toEqual(["127.0.0.1", server.port]);
    expect(b.client).toBe(a.client); // read once per connection
    expect(c.server).toBe(a.server); // one for the whole server
    expect(Object.isFrozen(a.server)).toBe(true);
  });

  it("keep nothing of their last request alive", async () => {
    const refs: Array<WeakRef<object>> = [];
    const server = await startServer(async (scope, receive, send) => {
      if (scope.type !== "http") return;
      refs.push(new WeakRef(scope), new WeakRef(receive), new WeakRef(send));
      await send({ type: "http.response.start", status: 200, headers: [] });
      await send({ type: "http.response.body", body: Buffer.from("ok") });
    });
    const client = await RawConnection.connect(server.port);
    client.write(GET);
    await client.until((r) => r.endsWith("ok"));
    client.write(GET);
    await client.until((r) => responses(r) === 2);
    expect(refs).toHaveLength(6);
    // Let the response's 'close' and Node's own clean-up ticks run, then collect.
    await new Promise((resolve) => setTimeout(resolve, 20));
    collectGarbage();
    await new Promise((resolve) => setTimeout(resolve, 0));
    collectGarbage();
    expect(client.isClosed).toBe(false);
    expect(refs.filter((ref) => ref.deref() !== undefined)).toHaveLength(0);
  });
});
