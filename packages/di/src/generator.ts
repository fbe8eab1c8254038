import type { ExitHandler } from "./cleanup-stack";
import { DependencyGeneratorError } from "./errors";

/** Runs a generator provider up to its single `yield`; returns the yielded value. */
export function startGenerator(gen: Generator, name: string): unknown {
  const first = gen.next();
  if (first.done) throw new DependencyGeneratorError("DI_GENERATOR_DID_NOT_YIELD", name);
  return first.value;
}

export async function startAsyncGenerator(gen: AsyncGenerator, name: string): Promise<unknown> {
  const first = await gen.next();
  if (first.done) throw new DependencyGeneratorError("DI_GENERATOR_DID_NOT_YIELD", name);
  return first.value;
}

/**
 * Teardown of a generator provider: resumes it after its `yield`, or throws the request's error
 * in at the `yield` so `try/catch/finally` inside the provider behaves as in FastAPI.
 * Finishing normally after receiving an error means the provider handled it.
 */
export class GeneratorExit implements ExitHandler {
  readonly #gen: Generator;
  readonly #name: string;

  constructor(gen: Generator, name: string) {
    this.#gen = gen;
    this.#name = name;
  }

  exit(error: unknown): boolean {
    const result = error === undefined ? this.#gen.next() : this.#gen.throw(error);
    if (!result.done) {
      this.#gen.return(undefined);
      throw new DependencyGeneratorError("DI_GENERATOR_YIELDED_TWICE", this.#name);
    }
    return true;
  }
}

export class AsyncGeneratorExit implements ExitHandler {
  readonly #gen: AsyncGenerator;
  readonly #name: string;

  constructor(gen: AsyncGenerator, name: string) {
    this.#gen = gen;
    this.#name = name;
  }

  async exit(error: unknown): Promise<boolean> {
    const result = await (error === undefined ? this.#gen.next() : this.#gen.throw(error));
    if (!result.done) {
      await this.#gen.return(undefined);
      throw new DependencyGeneratorError("DI_GENERATOR_YIELDED_TWICE", this.#name);
    }
    return true;
  }
}
