import { type ExpressionBuilder, type Kysely, sql } from "kysely";
import type { BlogSchema, PostRow, UserRow } from "../db/schema";
import type { PostCreate, PostFilters, PostOut, PostUpdate } from "./schemas";

type Db = Kysely<BlogSchema>;
type Viewer = Pick<UserRow, "id" | "role"> | null;

export async function insertPost(db: Db, authorId: number, post: PostCreate): Promise<PostRow> {
  return db
    .insertInto("posts")
    .values({ author_id: authorId, ...post })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findPost(db: Db, id: number): Promise<PostRow | null> {
  return (await db.selectFrom("posts").selectAll().where("id", "=", id).executeTakeFirst()) ?? null;
}

/** Published posts, the viewer's own drafts, and every draft for an admin. */
export function canSee(post: PostRow, viewer: Viewer): boolean {
  return (
    post.published || (viewer !== null && (viewer.role === "admin" || viewer.id === post.author_id))
  );
}

export function canEdit(post: PostRow, viewer: Viewer): boolean {
  return viewer !== null && (viewer.role === "admin" || viewer.id === post.author_id);
}

/** One page of the posts the viewer may see, newest first, with the total for the filters. */
export async function listPosts(
  db: Db,
  filters: PostFilters,
  viewer: Viewer,
): Promise<{ rows: PostRow[]; total: number }> {
  const where = (eb: ExpressionBuilder<BlogSchema, "posts">) => {
    const conditions = [visibleTo(eb, viewer)];
    if (filters.published !== undefined) conditions.push(eb("published", "=", filters.published));
    if (filters.author_id !== undefined) conditions.push(eb("author_id", "=", filters.author_id));
    if (filters.tag !== undefined)
      conditions.push(eb("tags", "@>", sql<string[]>`${[filters.tag]}::text[]`));
    if (filters.q !== undefined)
      conditions.push(eb("title", "ilike", `%${escapeLike(filters.q)}%`));
    return eb.and(conditions);
  };
  const rows = await db
    .selectFrom("posts")
    .selectAll()
    .where(where)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .offset(filters.skip)
    .limit(filters.limit)
    .execute();
  const { total } = await db
    .selectFrom("posts")
    .where(where)
    .select((eb) => eb.fn.countAll<number>().as("total"))
    .executeTakeFirstOrThrow();
  return { rows, total: Number(total) };
}

function visibleTo(eb: ExpressionBuilder<BlogSchema, "posts">, viewer: Viewer) {
  if (viewer?.role === "admin") return eb.lit(true);
  if (viewer === null) return eb("published", "=", true);
  return eb.or([eb("published", "=", true), eb("author_id", "=", viewer.id)]);
}

// `%` and `_` in the search are literal characters, not wildcards.
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Applies the fields that are set (PATCH); returns the post after the change. */
export async function updatePost(db: Db, id: number, changes: PostUpdate): Promise<PostRow | null> {
  if (Object.keys(changes).length === 0) return findPost(db, id);
  const row = await db
    .updateTable("posts")
    .set({ ...changes, updated_at: sql<Date>`now()` })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}

export async function deletePost(db: Db, id: number): Promise<boolean> {
  const result = await db.deleteFrom("posts").where("id", "=", id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export function toPostOut(row: PostRow): PostOut {
  return {
    id: row.id,
    author_id: row.author_id,
    title: row.title,
    body: row.body,
    tags: row.tags,
    published: row.published,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}
