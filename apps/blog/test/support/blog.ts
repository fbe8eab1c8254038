import type { Typhoon } from "typhoon";
import { TestClient } from "typhoon/testing";
import { inject } from "vitest";
import { createApp } from "../../src/app";
import type { Database } from "../../src/db/database";
import { getDatabase } from "../../src/db/session";
import { getPostHub, PostHub } from "../../src/live/hub";
import { getMailer, type MailMessage } from "../../src/mail/mailer";
import { readSettings, type Settings } from "../../src/settings";
import { copyOfTemplate } from "./template";

export const SECRET = "test-secret-key-of-at-least-32-bytes!!";

/** Settings as the app would read them from these variables (no `.env`, no process env). */
export function testSettings(env: Record<string, string> = {}): Settings {
  return readSettings({
    // The cheapest scrypt cost the app accepts: hashing dominates a test otherwise.
    env: { SECRET_KEY: SECRET, LOG_REQUESTS: "false", PASSWORD_HASH_COST: "10", ...env },
    envFile: false,
  });
}

/** A fresh database for one test: PGlite by default, the DATABASE_URL server when set. */
export function freshDatabase(): Promise<Database> {
  return copyOfTemplate(process.env.DATABASE_URL || undefined, inject("blogTemplate"));
}

export interface TestBlog {
  app: Typhoon;
  client: TestClient;
  database: Database;
  hub: PostHub;
  /** Every mail the app sent, in order. */
  mail: MailMessage[];
  settings: Settings;
  /** What the app logged as errors (unexpected exceptions, failed cleanups). */
  errors: unknown[][];
  close(): Promise<void>;
}

/**
 * The app with its dependencies swapped the FastAPI way: a fresh database, a mail sender that
 * records, a hub of its own. No lifespan runs: the overrides provide what it would open.
 */
export async function startBlog(env: Record<string, string> = {}): Promise<TestBlog> {
  const settings = testSettings(env);
  const errors: unknown[][] = [];
  const logger = { info() {}, warn() {}, error: (...args: unknown[]) => void errors.push(args) };
  const app = createApp({ settings, log: null, logger });
  const database = await freshDatabase();
  const hub = new PostHub();
  const mail: MailMessage[] = [];
  app.dependencyOverrides.set(getDatabase, () => database);
  app.dependencyOverrides.set(getPostHub, () => hub);
  app.dependencyOverrides.set(getMailer, () => ({
    async send(message: MailMessage) {
      mail.push(message);
    },
  }));
  return {
    app,
    client: new TestClient(app, { raiseServerExceptions: false }),
    database,
    hub,
    mail,
    settings,
    errors,
    close: () => database.close(),
  };
}

export const PASSWORD = "correct-horse-9";

/** Registers an account and returns its id. */
export async function register(client: TestClient, email: string, password = PASSWORD) {
  const res = await client.post("/api/v1/users", { json: { email, password } });
  if (res.status !== 201) throw new Error(`register ${email}: ${res.status} ${res.text}`);
  return (res.json() as { id: number }).id;
}

/** Logs in with the OAuth2 password form; returns the Authorization header to send. */
export async function login(client: TestClient, email: string, password = PASSWORD) {
  const res = await client.post("/api/v1/token", { data: { username: email, password } });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${res.text}`);
  return { authorization: `Bearer ${(res.json() as { access_token: string }).access_token}` };
}

/** Registers and logs in: the headers of a signed-in user, and their id. */
export async function signUp(client: TestClient, email: string) {
  const id = await register(client, email);
  return { id, headers: await login(client, email) };
}
