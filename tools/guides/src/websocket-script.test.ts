import { describe, expect, it } from "vitest";
import { parseWebSocketBlock } from "./websocket-script";

describe("parseWebSocketBlock", () => {
  it("reads connects, messages, JSON and closes, per client", () => {
    const block = [
      "> CONNECT /ws?x=1",
      '< {"a": 1}',
      "> hello",
      "< CLOSE 4000 See you",
      "",
      "ann > CONNECT /chat",
      "ann < CLOSE",
      "ann > CLOSE 1001",
    ].join("\n");
    expect(parseWebSocketBlock(block)).toEqual([
      { kind: "connect", client: "client", path: "/ws?x=1", line: 1 },
      { kind: "receive", client: "client", text: '{"a": 1}', json: { a: 1 }, line: 2 },
      { kind: "send", client: "client", text: "hello", line: 3 },
      { kind: "closed", client: "client", code: 4000, reason: "See you", line: 4 },
      { kind: "connect", client: "ann", path: "/chat", line: 6 },
      { kind: "closed", client: "ann", code: 1000, reason: "", line: 7 },
      { kind: "close", client: "ann", code: 1001, reason: "", line: 8 },
    ]);
  });

  it("compares text that is not a JSON object or array as text", () => {
    const steps = parseWebSocketBlock("> CONNECT /ws\n< 42\n< {not json");
    expect(steps.slice(1).map((step) => (step.kind === "receive" ? step.json : "?"))).toEqual([
      undefined,
      undefined,
    ]);
  });

  it("refuses a client that talks before connecting, and stray lines", () => {
    expect(() => parseWebSocketBlock("> hello")).toThrow(/before "> CONNECT/);
    expect(() => parseWebSocketBlock("> CONNECT /ws\nhello")).toThrow(/expected "> \.\.\." or/);
    expect(() => parseWebSocketBlock("\n# nothing\n")).toThrow(/empty websocket block/);
  });
});
