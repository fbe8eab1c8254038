import type { Kysely } from "kysely";
import type { BlogSchema, Role, UserRow } from "../db/schema";
import type { UserAdminUpdate, UserOut } from "./schemas";

type Db = Kysely<BlogSchema>;

export interface NewUser {
  email: string;
  full_name: string | null;
  password_hash: string;
  role: Role;
}

/** Inserts the user, or returns null when the email is taken (no error, no race). */
export async function insertUser(db: Db, user: NewUser): Promise<UserRow | null> {
  const row = await db
    .insertInto("users")
    .values(user)
    .onConflict((conflict) => conflict.column("email").doNothing())
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}

export async function findUserById(db: Db, id: number): Promise<UserRow | null> {
  return (await db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst()) ?? null;
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | null> {
  const row = await db
    .selectFrom("users")
    .selectAll()
    .where("email", "=", email)
    .executeTakeFirst();
  return row ?? null;
}

export async function listUsers(
  db: Db,
  page: { skip: number; limit: number },
): Promise<{ rows: UserRow[]; total: number }> {
  const rows = await db
    .selectFrom("users")
    .selectAll()
    .orderBy("id")
    .offset(page.skip)
    .limit(page.limit)
    .execute();
  const { total } = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("total"))
    .executeTakeFirstOrThrow();
  return { rows, total: Number(total) };
}

/** Applies the fields that are set; returns the row after the change, or null if none. */
export async function updateUser(
  db: Db,
  id: number,
  changes: UserAdminUpdate,
): Promise<UserRow | null> {
  if (Object.keys(changes).length === 0) return findUserById(db, id);
  const row = await db
    .updateTable("users")
    .set(changes)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}

export async function setPasswordHash(db: Db, id: number, passwordHash: string): Promise<void> {
  await db.updateTable("users").set({ password_hash: passwordHash }).where("id", "=", id).execute();
}

export function toUserOut(row: UserRow): UserOut {
  return {
    id: row.id,
    email: row.email,
    full_name: row.full_name,
    role: row.role,
    is_active: row.is_active,
    created_at: row.created_at.toISOString(),
  };
}
