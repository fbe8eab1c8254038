import type { GuideStep } from "./guide";
import type { HttpExchange } from "./http-exchanges";

/** A test title for an exchange: `GET /items/5 → 200 (line 42)`. */
export function exchangeTitle(source: string, blockLine: number, exchange: HttpExchange): string {
  const { request, response } = exchange;
  const line = blockLine + exchange.line - 1;
  return `${request.method} ${request.target} → ${response.status} (${source}:${line})`;
}

/** A test title for any other step. */
export function stepTitle(source: string, step: GuideStep): string {
  switch (step.kind) {
    case "module":
      return `runs ${step.file} (${source}:${step.line})`;
    case "entry":
      return `starts ${step.file} as a process (${source}:${step.line})`;
    case "test":
      return `${step.file} (${source}:${step.line})`;
    case "http":
      return `requests (${source}:${step.line})`;
    case "websocket":
      return `WebSocket conversation (${source}:${step.line})`;
  }
}
