import { type FileHandle, mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A temporary file just created for writing, owned by the caller until the store closes. */
export interface TempFile {
  readonly path: string;
  readonly handle: FileHandle;
}

/**
 * The private folder of one form's spilled uploads. It is created on the first spill only
 * (most forms never touch the disk), with `mkdtemp` (mode 0o700) and files opened exclusively
 * with mode 0o600, so other local users can neither read nor pre-create them. `close()`
 * removes the folder and everything in it.
 */
export class TempStore {
  readonly #root: string;
  #dir: Promise<string> | undefined;
  #files = 0;
  #closed = false;

  constructor(root: string = tmpdir()) {
    this.#root = root;
  }

  async create(): Promise<TempFile> {
    if (this.#closed) throw new Error("the temporary storage of this form is already closed");
    this.#dir ??= mkdtemp(join(this.#root, "typhoon-form-"));
    const dir = await this.#dir;
    // close() may have run while the folder was being made: create nothing it would miss.
    if (this.#closed) throw new Error("the temporary storage of this form is already closed");
    const path = join(dir, String(this.#files++));
    const handle = await open(path, "wx", 0o600);
    return { path, handle };
  }

  /** Removes the folder; safe to call twice and while a `create()` is still pending. */
  async close(): Promise<void> {
    this.#closed = true;
    const dir = this.#dir;
    if (dir === undefined) return;
    this.#dir = undefined;
    let path: string;
    try {
      path = await dir;
    } catch {
      return; // mkdtemp failed: nothing was created
    }
    await rm(path, { recursive: true, force: true });
  }
}
