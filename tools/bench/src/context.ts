import type { LoadGenerator } from "./load/types";
import type { Tools } from "./process/tools";

/** What every extra measurement gets from the CLI. */
export interface ExtraContext {
  tools: Tools;
  load: LoadGenerator;
  /** Smaller counts for a smoke run. */
  quick: boolean;
  log: (line: string) => void;
}
