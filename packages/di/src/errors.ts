/** Every error this package throws carries one of these stable codes; tests and callers branch on them. */
export type DependencyErrorCode =
  | "DI_CYCLE"
  | "DI_INVALID_PROVIDER"
  | "DI_INVALID_PARAMS"
  | "DI_PLAN_TOO_LARGE"
  | "DI_GENERATOR_DID_NOT_YIELD"
  | "DI_GENERATOR_YIELDED_TWICE"
  | "DI_CLEANUP_TIMEOUT"
  | "DI_STACK_CLOSED";

/** Base class of the package's errors: a message that names the culprit, and a stable `code`. */
export class DependencyError extends Error {
  readonly code: DependencyErrorCode;

  constructor(code: DependencyErrorCode, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** The graph reaches a provider that is already being resolved on the same chain. Thrown by `plan()`. */
export class DependencyCycleError extends DependencyError {
  /** Provider names along the cycle, first and last being the same provider. */
  readonly chain: readonly string[];

  constructor(chain: readonly string[]) {
    super("DI_CYCLE", `Dependency cycle: ${chain.join(" -> ")}`);
    this.chain = chain;
  }
}

/** A graph that cannot be planned: not a provider, bad params, too large. Thrown by `plan()`. */
export class DependencyPlanError extends DependencyError {
  constructor(
    code: "DI_INVALID_PROVIDER" | "DI_INVALID_PARAMS" | "DI_PLAN_TOO_LARGE",
    message: string,
  ) {
    super(code, message);
  }
}

/** A generator provider that did not yield exactly once. Thrown while resolving or cleaning up. */
export class DependencyGeneratorError extends DependencyError {
  constructor(code: "DI_GENERATOR_DID_NOT_YIELD" | "DI_GENERATOR_YIELDED_TWICE", provider: string) {
    super(
      code,
      code === "DI_GENERATOR_DID_NOT_YIELD"
        ? `Generator provider ${provider} finished without yielding: it must yield exactly once`
        : `Generator provider ${provider} yielded more than once: it must yield exactly once`,
    );
  }
}

/** Misuse of a CleanupStack, or a cleanup that did not settle within the stack's time limit. */
export class CleanupStackError extends DependencyError {
  constructor(code: "DI_CLEANUP_TIMEOUT" | "DI_STACK_CLOSED", message: string) {
    super(code, message);
  }
}

/** True for any error thrown by this package (checks the class, never the name). */
export function isDependencyError(value: unknown): value is DependencyError {
  return value instanceof DependencyError;
}
