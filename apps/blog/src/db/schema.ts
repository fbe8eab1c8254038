import type { ColumnType, Generated, Selectable } from "kysely";

/** The tables as Kysely sees them: what a select returns, what an insert/update accepts. */
export interface BlogSchema {
  users: UsersTable;
  posts: PostsTable;
  schema_migrations: SchemaMigrationsTable;
}

export type Role = "user" | "admin";

export interface UsersTable {
  id: Generated<number>;
  email: string;
  full_name: string | null;
  password_hash: string;
  role: ColumnType<Role, Role | undefined, Role>;
  is_active: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: ColumnType<Date, never, never>;
}

export interface PostsTable {
  id: Generated<number>;
  author_id: number;
  title: string;
  body: string;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  published: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
}

export interface SchemaMigrationsTable {
  name: string;
  checksum: string;
  applied_at: ColumnType<Date, never, never>;
}

export type UserRow = Selectable<UsersTable>;
export type PostRow = Selectable<PostsTable>;
