import { DependencyPlanError } from "./errors";
import { describe, isProvider, type Provider, toProvider } from "./provider";

/** What may stand in for a provider: another Provider (with its own params) or a plain function. */
export type ProviderLike = Provider<any, any> | ((...args: any[]) => unknown);

/**
 * Replacement providers, like FastAPI's `app.dependency_overrides`: an explicit map, never
 * module patching. Plans read it when they are built; `version` changes on every edit so a
 * plan built earlier can tell it is stale.
 */
export class DependencyOverrides {
  readonly #replacements = new Map<Provider, Provider>();
  #version = 0;

  /** Use `replacement` wherever `original` is depended on (nested uses included). */
  set(original: ProviderLike, replacement: ProviderLike): this {
    const key = normalize(original, "original");
    this.#replacements.set(key, normalize(replacement, "replacement"));
    this.#version++;
    return this;
  }

  /** Removes one override; true if there was one. */
  delete(original: ProviderLike): boolean {
    const removed = this.#replacements.delete(toProvider(original));
    if (removed) this.#version++;
    return removed;
  }

  /** Removes every override. */
  clear(): void {
    if (this.#replacements.size === 0) return;
    this.#replacements.clear();
    this.#version++;
  }

  /** The replacement for `original`, if any. */
  get(original: ProviderLike): Provider | undefined {
    return this.#replacements.get(toProvider(original));
  }

  has(original: ProviderLike): boolean {
    return this.#replacements.has(toProvider(original));
  }

  get size(): number {
    return this.#replacements.size;
  }

  /** Increases on every change; plans remember the version they were built with. */
  get version(): number {
    return this.#version;
  }
}

function normalize(value: unknown, role: string): Provider {
  if (typeof value === "function" || isProvider(value)) return toProvider(value as ProviderLike);
  throw new DependencyPlanError(
    "DI_INVALID_PROVIDER",
    `dependency override: the ${role} must be a provider or a function, got ${describe(value)}`,
  );
}
