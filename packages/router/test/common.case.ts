import type { CreateRouter } from "./cases/harness";
import { methodAndMountCases } from "./cases/methods.case";
import { pathCases } from "./cases/paths.case";

export { type RouterUnderTest, summary } from "./cases/harness";

/**
 * The contract every router implementation must meet (Hono's `common.case.test.ts` idea):
 * call it from a test file with a factory for the implementation under test.
 */
export function runRouterCases(name: string, create: CreateRouter): void {
  pathCases(name, create);
  methodAndMountCases(name, create);
}
