/** Where the server writes its lines; swap it to route logs into pino, a test buffer, ... */
export interface Logger {
  /** Optional: diagnostic lines (e.g. "lifespan unsupported, skipped"); dropped if absent. */
  debug?(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";

const rank: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3, silent: 4 };

/** A console logger that drops lines below `level`; errors print their stack. */
export function consoleLogger(level: LogLevel = "info"): Logger {
  const at = rank[level];
  return {
    debug: (message) => {
      if (at <= rank.debug) console.debug(message);
    },
    info: (message) => {
      if (at <= rank.info) console.log(message);
    },
    warn: (message) => {
      if (at <= rank.warn) console.warn(message);
    },
    error: (message, error) => {
      if (at > rank.error) return;
      if (error === undefined) console.error(message);
      else console.error(message, error instanceof Error ? (error.stack ?? error) : error);
    },
  };
}
