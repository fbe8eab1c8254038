import type { Receive, Scope, Send } from "@typhoon/server";
import { Response, type ResponseInit } from "../http/responses";
import { pump } from "./pump";
import { openSource, type StreamSource } from "./source";
import { type EventItem, encodeEvent } from "./sse-encoding";
import { sendsNoBody } from "./streaming";

export interface EventSourceInit extends ResponseInit {
  /** Keep-alive comment interval in ms (default 15000); 0 turns it off. */
  ping?: number;
}

const encoder = new TextEncoder();
const EMPTY = new Uint8Array(0);
const PING = encoder.encode(": ping\n\n");
export const DEFAULT_PING_MS = 15_000;
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Server-sent events from an (async) iterable of events (strings are `data`). Sends
 * `text/event-stream` with `Cache-Control: no-cache` and `X-Accel-Buffering: no` (so nginx
 * does not buffer), flushes the head at once (the browser's `open` fires), writes a
 * `: ping` comment every `ping` ms, and stops the generator and the timer when the client
 * disconnects.
 */
export class EventSourceResponse extends Response {
  static override mediaType = "text/event-stream";
  readonly events: StreamSource<EventItem>;
  readonly ping: number;

  constructor(events: StreamSource<EventItem>, init: EventSourceInit = {}) {
    super(null, init);
    const ping = init.ping ?? DEFAULT_PING_MS;
    // setInterval turns anything past 2^31-1 ms into 1 ms: refuse it instead of spamming pings.
    if (!Number.isFinite(ping) || ping < 0 || ping > MAX_TIMER_MS) {
      throw new TypeError(
        `EventSourceResponse ping must be a number of ms in 0..2^31-1, got ${ping}`,
      );
    }
    this.events = events;
    this.ping = ping;
    if (!this.hasHeader("cache-control")) this.headers.push(["cache-control", "no-cache"]);
    if (!this.hasHeader("x-accel-buffering")) this.headers.push(["x-accel-buffering", "no"]);
  }

  override async respond(scope: Scope, receive: Receive, send: Send): Promise<void> {
    const source = openSource(this.events);
    await send({ type: "http.response.start", status: this.status, headers: this.headers });
    if (sendsNoBody(scope, this.status)) {
      await source.close();
      await send({ type: "http.response.body", body: EMPTY });
      return;
    }
    // An empty chunk makes the host send the head now, before the first event exists.
    await send({ type: "http.response.body", body: EMPTY, more_body: true });
    await pump(source, {
      send,
      receive,
      encode: encodeItem,
      heartbeat: this.ping > 0 ? { intervalMs: this.ping, bytes: PING } : undefined,
    });
  }
}

function encodeItem(item: EventItem): Uint8Array | null {
  const text = encodeEvent(item);
  return text === "" ? null : encoder.encode(text);
}
