import { describe, expect, it } from "vitest";
import type { Receive, ReceiveMessage } from "../types";
import { ClientDisconnected } from "../websocket/errors";
import { BodyTooLarge, collectBody } from "./body";

function receiveFrom(messages: ReceiveMessage[]): Receive {
  let i = 0;
  return () => Promise.resolve(messages[i++] ?? { type: "http.disconnect" });
}
const chunk = (text: string, more_body: boolean): ReceiveMessage => ({
  type: "http.request",
  body: Buffer.from(text),
  more_body,
});

describe("collectBody", () => {
  it("joins the chunks until more_body is false", async () => {
    const body = await collectBody(
      receiveFrom([chunk("ab", true), chunk("", true), chunk("cd", false)]),
    );
    expect(Buffer.from(body).toString()).toBe("abcd");
  });

  it("returns a single chunk without copying it", async () => {
    const only = chunk("whole", false);
    const body = await collectBody(receiveFrom([only]));
    expect(body).toBe((only as { body: Uint8Array }).body);
  });

  it("returns an empty array for an empty body", async () => {
    expect((await collectBody(receiveFrom([chunk("", false)]))).length).toBe(0);
  });

  it("throws BodyTooLarge one byte past maxSize", async () => {
    const exact = await collectBody(receiveFrom([chunk("1234", true), chunk("", false)]), {
      maxSize: 4,
    });
    expect(exact.length).toBe(4);
    const error = await collectBody(receiveFrom([chunk("123", true), chunk("45", false)]), {
      maxSize: 4,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(BodyTooLarge);
    expect(error).toMatchObject({ code: "BODY_TOO_LARGE", maxSize: 4 });
  });

  it("throws ClientDisconnected when the client leaves mid-body", async () => {
    const error = await collectBody(
      receiveFrom([chunk("12", true), { type: "http.disconnect" }]),
    ).catch((e) => e);
    expect(error).toBeInstanceOf(ClientDisconnected);
    expect(error.code).toBe("CLIENT_DISCONNECTED");
  });

  it("refuses messages of another protocol", async () => {
    await expect(collectBody(receiveFrom([{ type: "websocket.connect" }]))).rejects.toThrow(
      TypeError,
    );
  });
});
