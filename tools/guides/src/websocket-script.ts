/**
 * The ```websocket blocks of a guide: a conversation in curl's notation, `>` for what a client
 * sends and `<` for what it receives, optionally prefixed by the client's name when several
 * talk at once.
 *
 *     > CONNECT /ws/lobby?token=secret
 *     < {"room": "lobby"}
 *     > hello
 *     < echo: hello
 *     ann > CONNECT /chat      (a second client, named)
 *     > CLOSE
 *     < CLOSE 1008 Not allowed
 *
 * `CONNECT <path>` opens the connection, `CLOSE [code [reason]]` closes it (sent) or is the
 * server's close (received, also when it refuses the handshake). Anything else is a text
 * message; a received one that is a JSON object or array is compared as JSON.
 */

export type WebSocketStep =
  | {
      readonly kind: "connect";
      readonly client: string;
      readonly path: string;
      readonly line: number;
    }
  | { readonly kind: "send"; readonly client: string; readonly text: string; readonly line: number }
  | {
      readonly kind: "close";
      readonly client: string;
      readonly code: number;
      readonly reason: string;
      readonly line: number;
    }
  | {
      readonly kind: "receive";
      readonly client: string;
      readonly text: string;
      /** The parsed JSON when `text` is an object or an array. */
      readonly json: unknown;
      readonly line: number;
    }
  | {
      readonly kind: "closed";
      readonly client: string;
      readonly code: number;
      readonly reason: string;
      readonly line: number;
    };

const STEP = /^(?:([A-Za-z_]\w*) )?\s*([<>]) ?(.*)$/;
const CLOSE = /^CLOSE(?: (\d{4})(?: (.*))?)?$/;
const CONNECT = /^CONNECT (\/\S*)$/;

export class WebSocketBlockError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

function parseJson(text: string): unknown {
  if (!/^[[{]/.test(text)) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function parseWebSocketBlock(code: string): WebSocketStep[] {
  const steps: WebSocketStep[] = [];
  const connected = new Set<string>();
  code
    .replace(/\n$/, "")
    .split("\n")
    .forEach((raw, index) => {
      const line = index + 1;
      if (raw.trim() === "" || raw.startsWith("#")) return;
      const step = STEP.exec(raw);
      if (step === null) throw new WebSocketBlockError(`expected "> ..." or "< ...": ${raw}`, line);
      const client = step[1] ?? "client";
      const sent = step[2] === ">";
      const payload = step[3] ?? "";
      const connect = CONNECT.exec(payload);
      if (sent && connect !== null) {
        connected.add(client);
        steps.push({ kind: "connect", client, path: connect[1] as string, line });
        return;
      }
      if (!connected.has(client)) {
        throw new WebSocketBlockError(`${client} talks before "> CONNECT /path"`, line);
      }
      const close = CLOSE.exec(payload);
      if (close !== null) {
        const code = close[1] === undefined ? 1000 : Number(close[1]);
        const reason = close[2] ?? "";
        steps.push({ kind: sent ? "close" : "closed", client, code, reason, line });
        return;
      }
      if (sent) steps.push({ kind: "send", client, text: payload, line });
      else steps.push({ kind: "receive", client, text: payload, json: parseJson(payload), line });
    });
  if (steps.length === 0) throw new WebSocketBlockError("an empty websocket block", 1);
  return steps;
}
