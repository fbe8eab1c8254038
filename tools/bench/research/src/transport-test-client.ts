// Test helper for the transport variants: a raw TCP exchange on 127.0.0.1, so tests can
// pipeline, split a request across writes and see exactly the bytes and the close.
import { connect } from "node:net";

export interface Exchange {
  /** Everything the server sent, as latin1 text. */
  text: string;
  /** The server ended the connection. */
  closed: boolean;
}

export interface ExchangeOptions {
  /** Pause between writes, so each chunk arrives in its own read (default 0: no pause). */
  gapMs?: number;
  /** Stop once this is true of what arrived (the connection is then closed by us). */
  until?: (text: string) => boolean;
  /** Give up after this long (default 3 s); the result says what arrived by then. */
  timeoutMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Writes `chunks` in order and collects the answer until `until`, the server's close or the timeout. */
export function exchange(
  port: number,
  chunks: (string | Buffer)[],
  options: ExchangeOptions = {},
): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port, noDelay: true });
    let text = "";
    let settled = false;
    const finish = (closed: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ text, closed });
    };
    const timer = setTimeout(() => finish(false), options.timeoutMs ?? 3_000);
    socket.on("data", (chunk: Buffer) => {
      text += chunk.toString("latin1");
      if (options.until?.(text)) finish(false);
    });
    socket.on("end", () => finish(true));
    socket.on("error", (error) => {
      if (!settled) {
        settled = true;
        clearTimeout(timer);
        reject(error);
      }
    });
    socket.once("connect", async () => {
      for (const chunk of chunks) {
        if (settled || socket.destroyed) return;
        socket.write(chunk);
        if (options.gapMs) await sleep(options.gapMs);
      }
    });
  });
}

/** The status lines in `text`, in order (pipelined answers follow the last body directly). */
export const statusLines = (text: string) => text.match(/HTTP\/1\.1 \d{3} [^\r]*/g) ?? [];
