// The semantics every server implements: one place for the fixtures, so the servers, the
// correctness pre-check and the load requests can never drift apart.

/** The token the header check accepts (`Authorization: Bearer bench-token`). */
export const TOKEN = "bench-token";
export const AUTH_HEADER = `Bearer ${TOKEN}`;
export const TENANT = "acme";
export const USERNAME = "alice";

/** The body every POST /items in the load run sends. */
export const NEW_ITEM = { name: "Widget", price: 9.5, tags: ["tools", "sale"] } as const;

export interface ItemIn {
  name: string;
  price: number;
  tags?: string[];
}

/** What the handler returns: `internal_note` must never reach the client. */
export interface StoredItem {
  id: number;
  name: string;
  price: number;
  tags: string[];
  internal_note: string;
}

/** The cached sub-dependency: read by both the token check and the session. */
export interface Settings {
  readonly tenant: string;
  readonly token: string;
}

export interface Session {
  readonly tenant: string;
  state: "active" | "closed";
}

/** Built per request on purpose: the frameworks' caching must make it happen once, not twice. */
export function loadSettings(): Settings {
  return { tenant: TENANT, token: TOKEN };
}

/** The generator-style dependency's resource: opened before the handler, closed after it. */
export class SessionPool {
  open = 0;
  opened = 0;

  acquire(settings: Settings): Session {
    this.open++;
    this.opened++;
    return { tenant: settings.tenant, state: "active" };
  }

  release(session: Session): void {
    if (session.state === "closed") return;
    session.state = "closed";
    this.open--;
  }
}

/** In-memory item store: ids count up, each item carries an internal field. */
export class ItemStore {
  #nextId = 1;

  create(input: ItemIn): StoredItem {
    const id = this.#nextId++;
    return {
      id,
      name: input.name,
      price: input.price,
      tags: input.tags ?? [],
      internal_note: `cost basis for ${id}`,
    };
  }
}

/** The body of GET /users/me. */
export function meBody(user: string, session: Session) {
  return { username: user, tenant: session.tenant, session: session.state };
}

/** Options every server's `start` takes. */
export interface ServerOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Milliseconds an idle keep-alive connection stays open (the idle-memory run raises it). */
  keepAliveTimeout?: number;
  /** Upper bound on open connections where the framework has one (the idle-memory run). */
  maxConnections?: number;
}

export interface RunningServer {
  readonly port: number;
  close(): Promise<void>;
}

export type StartServer = (options: ServerOptions) => Promise<RunningServer>;
