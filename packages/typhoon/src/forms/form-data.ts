import { UploadFile } from "./upload-file";

/** A form value: text, or an uploaded file. */
export type FormValue = string | UploadFile;

export interface FormDataOptions {
  /** Extra cleanup `close()` runs after closing the files (the parser removes its temp folder). */
  onClose?: () => Promise<void>;
}

/**
 * A parsed form (Starlette's `FormData`): the fields and files in the order they were sent,
 * with repeated names kept. `close()` releases every upload and its temporary files; the
 * framework calls it when the request ends.
 */
export class FormData implements Iterable<[string, FormValue]> {
  /** Phantom type so `params: { form: FormData }` can be inferred like `Request`. */
  declare static readonly "~output"?: { readonly type: FormData };

  readonly #entries: ReadonlyArray<[string, FormValue]>;
  // Built on the first lookup: a form that is only iterated never pays for it.
  #byName: Map<string, FormValue[]> | undefined;
  readonly #onClose: (() => Promise<void>) | undefined;
  #closing: Promise<void> | undefined;

  /** An array of entries is kept as is (not copied): hand it over, do not mutate it later. */
  constructor(entries: Iterable<[string, FormValue]> = [], options: FormDataOptions = {}) {
    this.#entries = Array.isArray(entries) ? entries : Array.from(entries);
    this.#onClose = options.onClose;
  }

  /** Number of entries, repeated names counted each time. */
  get size(): number {
    return this.#entries.length;
  }

  /** The last value sent under `name` (the rule for scalar parameters). */
  get(name: string): FormValue | undefined {
    const values = this.#index().get(name);
    return values === undefined ? undefined : values[values.length - 1];
  }

  /** Every value sent under `name`, in order (for list parameters). */
  getAll(name: string): FormValue[] {
    return this.#index().get(name)?.slice() ?? [];
  }

  has(name: string): boolean {
    return this.#index().has(name);
  }

  /** Distinct names, in the order they first appeared. */
  keys(): IterableIterator<string> {
    return this.#index().keys();
  }

  entries(): IterableIterator<[string, FormValue]> {
    return this.#entries.values();
  }

  [Symbol.iterator](): IterableIterator<[string, FormValue]> {
    return this.entries();
  }

  /** The text fields only. */
  *fields(): IterableIterator<[string, string]> {
    for (const [name, value] of this.#entries) if (typeof value === "string") yield [name, value];
  }

  /** The uploaded files only. */
  *files(): IterableIterator<[string, UploadFile]> {
    for (const [name, value] of this.#entries) {
      if (value instanceof UploadFile) yield [name, value];
    }
  }

  /** Closes every upload and removes the temporary files; idempotent. */
  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  async #close(): Promise<void> {
    const closing: Promise<void>[] = [];
    for (const [, file] of this.files()) closing.push(file.close());
    const results = await Promise.allSettled(closing);
    // The folder goes even when a file could not be closed; then the first failure is reported.
    await this.#onClose?.();
    for (const result of results) if (result.status === "rejected") throw result.reason;
  }

  #index(): Map<string, FormValue[]> {
    if (this.#byName !== undefined) return this.#byName;
    const byName = new Map<string, FormValue[]>();
    for (const [name, value] of this.#entries) {
      const values = byName.get(name);
      if (values === undefined) byName.set(name, [value]);
      else values.push(value);
    }
    this.#byName = byName;
    return byName;
  }
}
