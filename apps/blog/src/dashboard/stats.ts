import type { Kysely } from "kysely";
import type { BlogSchema } from "../db/schema";

/** Counts for the dashboard, in one round trip. */
export async function countStats(db: Kysely<BlogSchema>) {
  const row = await db
    .selectNoFrom((eb) => [
      eb.selectFrom("users").select(eb.fn.countAll<number>().as("n")).as("users"),
      eb.selectFrom("posts").select(eb.fn.countAll<number>().as("n")).as("posts"),
      eb
        .selectFrom("posts")
        .where("published", "=", true)
        .select(eb.fn.countAll<number>().as("n"))
        .as("published"),
    ])
    .executeTakeFirstOrThrow();
  return { users: Number(row.users), posts: Number(row.posts), published: Number(row.published) };
}
