import { Path, Typhoon, WebSocket, WebSocketException } from "typhoon";
import * as v from "valibot";
import { afterEach, describe, expect, it } from "vitest";
import { runConversation } from "./run-websocket";
import { inProcessTarget, type Target } from "./target";
import { parseWebSocketBlock } from "./websocket-script";

function makeApp() {
  const app = new Typhoon();
  app.websocket(
    "/echo/{name}",
    { params: { ws: WebSocket, name: Path(v.string()) } },
    async ({ ws, name }) => {
      if (name === "nobody") throw new WebSocketException(1008, "Who?");
      await ws.accept();
      await ws.sendJson({ hello: name });
      for await (const message of ws) {
        if (message === "quit") return ws.close(4000, "Bye");
        await ws.sendText(`echo: ${message}`);
      }
    },
  );
  return app;
}

let target: Target | undefined;
afterEach(() => target?.close());

const play = async (script: string, bindings = new Map<string, string>()) => {
  target = await inProcessTarget("app", makeApp());
  await runConversation(target, parseWebSocketBlock(script), bindings);
  return bindings;
};

describe("runConversation", () => {
  it("plays a conversation that happens as written, binding placeholders", async () => {
    const bindings = await play(
      [
        "> CONNECT /echo/ann",
        '< {"hello": "{{who}}"}',
        "> hi {{who}}",
        "< echo: hi ann",
        "> quit",
        "< CLOSE 4000 Bye",
      ].join("\n"),
    );
    expect(bindings.get("who")).toBe("ann");
  });

  it("fails at the first line that does not happen, naming it", async () => {
    await expect(play('> CONNECT /echo/ann\n< {"hello": "bob"}')).rejects.toThrow(
      /line 2 \(client\): body.hello: expected "bob", got "ann"/,
    );
    await expect(play('> CONNECT /echo/ann\n< {"hello": "ann"}\n> x\n< echo: y')).rejects.toThrow(
      "line 4 (client): expected echo: y, got echo: x",
    );
    await expect(
      play('> CONNECT /echo/ann\n< {"hello": "ann"}\n> quit\n< CLOSE 1000'),
    ).rejects.toThrow("expected CLOSE 1000 , got CLOSE 4000 Bye");
  });

  it("expects a refusal as a close before the connection opens", async () => {
    await play("> CONNECT /echo/nobody\n< CLOSE 1008");
    await expect(play("> CONNECT /echo/nobody\n< CLOSE 1000")).rejects.toThrow(
      "the server refused with close 1008, not 1000",
    );
    await expect(play("> CONNECT /echo/nobody\n> hello")).rejects.toThrow(/refused the connection/);
  });
});
