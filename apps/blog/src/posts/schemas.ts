import * as v from "valibot";

const Title = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200));
const Content = v.pipe(v.string(), v.minLength(1), v.maxLength(50_000));
const Tag = v.pipe(
  v.string(),
  v.trim(),
  v.toLowerCase(),
  v.regex(/^[a-z0-9][a-z0-9-]{0,29}$/, "Tags are 1-30 letters, digits or dashes"),
);
const Tags = v.pipe(v.array(Tag), v.maxLength(10, "At most 10 tags"));

/** What an author sends to create a post. */
export const PostCreate = v.object({
  title: Title,
  body: Content,
  tags: v.optional(Tags, []),
  published: v.optional(v.boolean(), false),
});
export type PostCreate = v.InferOutput<typeof PostCreate>;

/** PATCH: every field optional and none defaulted, so a field left out stays as it is. */
export const PostUpdate = v.object({
  title: v.optional(Title),
  body: v.optional(Content),
  tags: v.optional(Tags),
  published: v.optional(v.boolean()),
});
export type PostUpdate = v.InferOutput<typeof PostUpdate>;

/** What the API shows of a post. */
export const PostOut = v.object({
  id: v.number(),
  author_id: v.number(),
  title: v.string(),
  body: v.string(),
  tags: v.array(v.string()),
  published: v.boolean(),
  created_at: v.string(),
  updated_at: v.string(),
});
export type PostOut = v.InferOutput<typeof PostOut>;

export const PostPage = v.object({
  items: v.array(PostOut),
  total: v.number(),
  skip: v.number(),
  limit: v.number(),
});

/** The list's query parameters: paging and filters, each validated. */
export const PostFilters = v.object({
  skip: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000)), 0),
  limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100)), 20),
  author_id: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  tag: v.optional(Tag),
  /** Words of the title, case-insensitive. */
  q: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(100))),
  /** `false`: only drafts (yours, or everyone's for an admin). */
  published: v.optional(v.boolean()),
});
export type PostFilters = v.InferOutput<typeof PostFilters>;
