/** The robustness suite's fixtures, started with the shared child-process helper. */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Fixture, startFixture as start } from "../node/child";

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures");

export type { Fixture };

export function startFixture(name: string, env: Record<string, string> = {}): Fixture {
  return start(name, env, fixtures);
}
