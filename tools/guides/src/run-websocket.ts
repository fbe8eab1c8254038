import type { WebSocketEvent } from "@typhoon/server";
import type { InProcessWebSocket } from "typhoon/testing";
import { type Bindings, matchJson, matchText, substitute } from "./placeholders";
import type { Target } from "./target";
import type { WebSocketStep } from "./websocket-script";

/** How long a `<` line waits for the server before the conversation fails. */
const RECEIVE_TIMEOUT = 5_000;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what}: nothing within ${RECEIVE_TIMEOUT} ms`)),
      RECEIVE_TIMEOUT,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function describeEvent(event: WebSocketEvent): string {
  if (event.type === "websocket.close") return `CLOSE ${event.code} ${event.reason}`.trim();
  return event.text ?? `<${event.bytes?.byteLength} bytes>`;
}

type Connection =
  | { state: "open"; socket: InProcessWebSocket }
  | { state: "refused"; code: number | null; reason: string }
  | { state: "closed" };

/**
 * Plays a ```websocket conversation against the target. Throws at the first line that does
 * not happen as written (with the line number); closes every client still open at the end.
 */
export async function runConversation(
  target: Target,
  steps: readonly WebSocketStep[],
  bindings: Bindings,
): Promise<void> {
  const clients = new Map<string, Connection>();
  try {
    for (const step of steps) {
      const fail = (message: string): never => {
        throw new Error(`line ${step.line} (${step.client}): ${message}`);
      };
      if (step.kind === "connect") {
        try {
          const socket = await target.websocket(substitute(step.path, bindings));
          clients.set(step.client, { state: "open", socket });
        } catch (error) {
          const refusal = error as { closeCode?: number | null; message: string };
          if (!("closeCode" in refusal)) throw error;
          clients.set(step.client, {
            state: "refused",
            code: refusal.closeCode ?? null,
            reason: "",
          });
        }
        continue;
      }
      const connection = clients.get(step.client) as Connection;
      if (connection.state === "refused") {
        if (step.kind !== "closed")
          fail(`the server refused the connection (close ${connection.code})`);
        else if (step.code !== connection.code) {
          fail(`the server refused with close ${connection.code}, not ${step.code}`);
        }
        clients.set(step.client, { state: "closed" });
        continue;
      }
      if (connection.state === "closed") fail("the connection is already closed");
      const { socket } = connection as { socket: InProcessWebSocket };
      if (step.kind === "send") await socket.sendText(substitute(step.text, bindings));
      else if (step.kind === "close") {
        await socket.close(step.code, step.reason);
        clients.set(step.client, { state: "closed" });
      } else {
        const event = await withTimeout(socket.receive(), `line ${step.line}`);
        if (step.kind === "closed") {
          if (event.type !== "websocket.close")
            fail(`expected CLOSE ${step.code}, got ${describeEvent(event)}`);
          const closed = event as { code: number; reason: string };
          if (closed.code !== step.code || (step.reason !== "" && closed.reason !== step.reason)) {
            fail(`expected CLOSE ${step.code} ${step.reason}, got ${describeEvent(event)}`);
          }
          clients.set(step.client, { state: "closed" });
          continue;
        }
        if (event.type !== "websocket.send" || event.text === undefined) {
          fail(`expected ${step.text}, got ${describeEvent(event)}`);
        }
        const text = (event as { text: string }).text;
        if (step.json !== undefined) {
          let parsed: unknown;
          try {
            parsed = JSON.parse(text);
          } catch {
            fail(`expected JSON ${step.text}, got ${text}`);
          }
          const problems = matchJson(step.json, parsed, bindings);
          if (problems.length > 0) fail(problems.join("; "));
        } else {
          const matched = matchText(step.text, text, bindings);
          if (matched === null) fail(`expected ${step.text}, got ${text}`);
          else for (const [name, value] of matched) bindings.set(name, value);
        }
      }
    }
  } finally {
    for (const connection of clients.values()) {
      if (connection.state === "open") await connection.socket.close(1000).catch(() => {});
    }
  }
}
