/** A stored note (apps/reference/SPEC.md §2.8). */
export interface Note {
  id: number;
  title: string;
  body: string;
  priority: number;
}

/**
 * The app's in-memory state: the notes, the side channel that yield dependencies and
 * background tasks write to (apps/reference/SPEC.md §2.1), and what startup loaded
 * (apps/reference/SPEC.md §1.4). One per app, so every test can build a fresh app.
 */
export class ReferenceState {
  readonly notes = new Map<number, Note>();
  nextNoteId = 1;
  readonly #events = new Map<string, string[]>();
  startupComplete = false;
  preloaded: string[] = [];

  /** Appends `event` to the list recorded under `key`. */
  record(key: string, event: string): void {
    const list = this.#events.get(key);
    if (list === undefined) this.#events.set(key, [event]);
    else list.push(event);
  }

  /** A copy of the events recorded under `key` (an unknown key has none). */
  events(key: string): string[] {
    return [...(this.#events.get(key) ?? [])];
  }

  /** `POST /__reset`: notes cleared, ids back to 1, side channel cleared. */
  reset(): void {
    this.notes.clear();
    this.nextNoteId = 1;
    this.#events.clear();
  }
}
