/**
 * The `text/event-stream` wire format (HTML Living Standard, server-sent events): one field
 * per line, multi-line data split into several `data:` lines, an event ended by a blank line.
 */

export interface ServerSentEvent {
  /** Strings are sent as they are; anything else as JSON. */
  data?: unknown;
  /** The event type (`addEventListener(event, ...)` in the browser); default `message`. */
  event?: string;
  /** Sets the client's last event ID (sent back as `Last-Event-ID` on reconnect). */
  id?: string | number;
  /** Reconnection delay the client should use, in milliseconds. */
  retry?: number;
  /** A comment line (ignored by clients), e.g. for debugging. */
  comment?: string;
}

export type EventItem = string | ServerSentEvent;

const LINE_BREAK = /\r\n|\r|\n/;
const BREAKS_A_FIELD = /[\r\n\0]/;

/** One event as text; a bare string is its `data`. An event with no field encodes to `""`. */
export function encodeEvent(item: EventItem): string {
  if (typeof item === "string") return `${dataLines(item)}\n`;
  if (item === null || typeof item !== "object") {
    throw new TypeError(`An event must be a string or an object, got ${String(item)}`);
  }
  let out = "";
  if (item.comment !== undefined) {
    for (const line of String(item.comment).split(LINE_BREAK)) out += `: ${line}\n`;
  }
  if (item.event !== undefined) out += `event: ${singleLine("event", item.event)}\n`;
  if (item.id !== undefined) out += `id: ${singleLine("id", String(item.id))}\n`;
  if (item.retry !== undefined) {
    if (!Number.isInteger(item.retry) || item.retry < 0) {
      throw new TypeError(`Event retry must be a non-negative integer, got ${item.retry}`);
    }
    out += `retry: ${item.retry}\n`;
  }
  if (item.data !== undefined) {
    const text = typeof item.data === "string" ? item.data : JSON.stringify(item.data);
    out += dataLines(text ?? "null");
  }
  return out === "" ? "" : `${out}\n`;
}

function dataLines(text: string): string {
  let out = "";
  for (const line of text.split(LINE_BREAK)) out += `data: ${line}\n`;
  return out;
}

// A line break in `event` or `id` would start a new field: a value built from user input
// could forge events. Refuse it loudly rather than rewrite it silently.
function singleLine(field: string, value: string): string {
  if (BREAKS_A_FIELD.test(value)) {
    throw new TypeError(`Event ${field} must not contain CR, LF or NUL: ${JSON.stringify(value)}`);
  }
  return value;
}
