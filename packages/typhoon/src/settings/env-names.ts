/** Environment variables as Node gives them (`process.env`) or a test passes them. */
export type EnvSource = Readonly<Record<string, string | undefined>>;

/**
 * The variable a settings key reads: the prefix, then the key in UPPER_SNAKE_CASE
 * (`database_url` and `databaseUrl` both → `DATABASE_URL`; with prefix `APP_` → `APP_DATABASE_URL`).
 */
export function envNameOf(key: string, prefix = ""): string {
  const snake = key
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .toUpperCase();
  return prefix + snake;
}

/**
 * Reads variables by name from one source. Case-insensitive lookups prefer the exact spelling,
 * then any spelling (the first one in the source's order wins).
 */
export class EnvLookup {
  readonly #source: EnvSource;
  readonly #caseSensitive: boolean;
  #folded: Map<string, string> | null = null;

  constructor(source: EnvSource, options: { caseSensitive: boolean }) {
    this.#source = source;
    this.#caseSensitive = options.caseSensitive;
  }

  get(name: string): string | undefined {
    const exact = Object.hasOwn(this.#source, name) ? this.#source[name] : undefined;
    if (exact !== undefined || this.#caseSensitive) return exact;
    return this.#foldedMap().get(name.toUpperCase());
  }

  #foldedMap(): Map<string, string> {
    if (this.#folded !== null) return this.#folded;
    const folded = new Map<string, string>();
    for (const [name, value] of Object.entries(this.#source)) {
      const upper = name.toUpperCase();
      if (value !== undefined && !folded.has(upper)) folded.set(upper, value);
    }
    this.#folded = folded;
    return folded;
  }
}
