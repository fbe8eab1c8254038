/** A Logger that keeps its lines in an array, for tests to assert on. */
import type { Logger } from "../../src/logger";

export interface LogLine {
  level: "debug" | "info" | "warn" | "error";
  message: string;
  error?: unknown;
}

export function memoryLogger(lines: LogLine[]): Logger {
  return {
    debug: (message) => lines.push({ level: "debug", message }),
    info: (message) => lines.push({ level: "info", message }),
    warn: (message) => lines.push({ level: "warn", message }),
    error: (message, error) => lines.push({ level: "error", message, error }),
  };
}
