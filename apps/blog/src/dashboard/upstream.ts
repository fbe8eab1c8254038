import nodeFetch, { FetchError } from "node-fetch";

/** An upstream that did not give a usable answer: `timeout` becomes 504, the rest 502. */
export class UpstreamError extends Error {
  readonly service: string;
  readonly kind: "timeout" | "failed";

  constructor(service: string, kind: "timeout" | "failed", message: string) {
    super(message);
    this.name = "UpstreamError";
    this.service = service;
    this.kind = kind;
  }
}

export interface FetchJsonOptions {
  /** The whole exchange (connect, headers, body) must finish within this many ms. */
  timeoutMs: number;
  /** Larger bodies are refused (node-fetch stops reading past it). */
  maxBytes: number;
}

/** GETs `url` and parses its JSON; any failure is an UpstreamError naming the service. */
export async function fetchJson(
  service: string,
  url: string,
  options: FetchJsonOptions,
): Promise<unknown> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    const response = await nodeFetch(url, {
      signal,
      size: options.maxBytes,
      follow: 3,
      headers: { accept: "application/json" },
    });
    if (!response.ok) {
      await response.body?.resume(); // let the connection go
      throw new UpstreamError(service, "failed", `${service} answered HTTP ${response.status}`);
    }
    const text = await response.text();
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new UpstreamError(service, "failed", `${service} answered with invalid JSON`);
    }
  } catch (error) {
    if (error instanceof UpstreamError) throw error;
    if (signal.aborted) {
      throw new UpstreamError(
        service,
        "timeout",
        `${service} did not answer within ${options.timeoutMs} ms`,
      );
    }
    if (error instanceof FetchError && error.type === "max-size") {
      throw new UpstreamError(
        service,
        "failed",
        `${service} answered more than ${options.maxBytes} bytes`,
      );
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new UpstreamError(service, "failed", `${service} is unreachable (${reason})`);
  }
}
