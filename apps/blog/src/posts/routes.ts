import { APIRouter, Body, Depends, HTTPException, Path, Query } from "typhoon";
import * as v from "valibot";
import type { PostRow, UserRow } from "../db/schema";
import { type Session, SessionDep } from "../db/session";
import { getPostHub, type PostHub } from "../live/hub";
import { currentUser, optionalUser } from "../users/security";
import {
  canEdit,
  canSee,
  deletePost,
  findPost,
  insertPost,
  listPosts,
  toPostOut,
  updatePost,
} from "./repository";
import { PostCreate, PostFilters, PostOut, PostPage, PostUpdate } from "./schemas";

export const postsRouter = new APIRouter({
  prefix: "/posts",
  tags: ["posts"],
  responses: { 404: { description: "No such post (or a draft you cannot see)" } },
});

const PostId = Path(v.pipe(v.number(), v.integer(), v.minValue(1)));

/** Tells live clients about a post once it is committed and public. */
function announce(session: Session, hub: PostHub, post: PostRow): void {
  if (!post.published) return;
  const event = { event: "post.published" as const, post: toPostOut(post) };
  session.afterCommit(() => hub.publish(event));
}

/** The post if the viewer may see it; 404 otherwise, so drafts do not leak their existence. */
async function visiblePost(session: Session, id: number, viewer: UserRow | null) {
  const post = await findPost(session.db, id);
  if (post === null || !canSee(post, viewer)) throw new HTTPException(404, "Post not found");
  return post;
}

/** Like `visiblePost`, and the viewer must be its author or an admin (403). */
async function editablePost(session: Session, id: number, user: UserRow) {
  const post = await visiblePost(session, id, user);
  if (!canEdit(post, user)) throw new HTTPException(403, "Only the author can change this post");
  return post;
}

postsRouter.post(
  "",
  {
    params: {
      post: Body(PostCreate),
      user: Depends(currentUser),
      session: SessionDep,
      hub: Depends(getPostHub),
    },
    response: PostOut,
    status: 201,
    summary: "Write a post",
  },
  async ({ post, user, session, hub }) => {
    const row = await insertPost(session.db, user.id, post);
    announce(session, hub, row);
    return toPostOut(row);
  },
);

postsRouter.get(
  "",
  {
    params: {
      filters: Query(PostFilters),
      viewer: Depends(optionalUser),
      session: SessionDep,
    },
    response: PostPage,
    summary: "List posts, newest first",
    description: "Published posts, plus your drafts when signed in (every draft for admins).",
  },
  async ({ filters, viewer, session }) => {
    const { rows, total } = await listPosts(session.db, filters, viewer);
    return { items: rows.map(toPostOut), total, skip: filters.skip, limit: filters.limit };
  },
);

postsRouter.get(
  "/{post_id}",
  {
    params: { post_id: PostId, viewer: Depends(optionalUser), session: SessionDep },
    response: PostOut,
    summary: "Read a post",
  },
  async ({ post_id, viewer, session }) => toPostOut(await visiblePost(session, post_id, viewer)),
);

postsRouter.patch(
  "/{post_id}",
  {
    params: {
      post_id: PostId,
      changes: Body(PostUpdate),
      user: Depends(currentUser),
      session: SessionDep,
      hub: Depends(getPostHub),
    },
    response: PostOut,
    summary: "Change some fields of a post (the others stay as they are)",
    responses: { 403: { description: "Not the author" } },
  },
  async ({ post_id, changes, user, session, hub }) => {
    const before = await editablePost(session, post_id, user);
    const after = (await updatePost(session.db, post_id, changes)) ?? before;
    if (!before.published) announce(session, hub, after); // a draft going public is news
    return toPostOut(after);
  },
);

postsRouter.delete(
  "/{post_id}",
  {
    params: { post_id: PostId, user: Depends(currentUser), session: SessionDep },
    status: 204,
    summary: "Delete a post",
    responses: { 403: { description: "Not the author" } },
  },
  async ({ post_id, user, session }) => {
    await editablePost(session, post_id, user);
    await deletePost(session.db, post_id);
  },
);
