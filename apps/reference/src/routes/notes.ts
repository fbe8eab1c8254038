import { APIRouter, HTTPException, Path, Query } from "typhoon";
import * as v from "valibot";
import { int, str } from "../schemas";
import type { Note, ReferenceState } from "../state";

const NoteIn = v.object({
  title: str({ min: 1, max: 50 }),
  body: v.optional(v.string(), ""),
  priority: v.optional(int({ ge: 1, le: 5 }), 3),
});

// Every field optional and nullable: a `null` passes validation and is refused by the route
// with a 400, after the 404 check (apps/reference/SPEC.md §2.8's order).
const NotePatch = v.object({
  title: v.optional(v.nullable(str({ min: 1, max: 50 }))),
  body: v.optional(v.nullable(v.string())),
  priority: v.optional(v.nullable(int({ ge: 1, le: 5 }))),
});

const PATCH_FIELDS = ["title", "body", "priority"] as const;
const noteId = Path(int());

/** apps/reference/SPEC.md §2.8: a small stateful CRUD resource. */
export function noteRoutes(state: ReferenceState): APIRouter {
  const router = new APIRouter();

  const find = (id: number): Note => {
    const note = state.notes.get(id);
    if (note === undefined) throw new HTTPException(404, "Note not found");
    return note;
  };

  router.post("/notes", { params: { note: NoteIn }, status: 201 }, ({ note }) => {
    const stored: Note = { id: state.nextNoteId++, ...note };
    state.notes.set(stored.id, stored);
    return stored;
  });

  router.get(
    "/notes",
    { params: { min_priority: Query(v.optional(int({ ge: 1, le: 5 }), 1)) } },
    // A Map iterates in insertion order, which is id order.
    ({ min_priority }) => [...state.notes.values()].filter((n) => n.priority >= min_priority),
  );

  router.get("/notes/{note_id}", { params: { note_id: noteId } }, ({ note_id }) => find(note_id));

  router.patch(
    "/notes/{note_id}",
    { params: { note_id: noteId, patch: NotePatch } },
    ({ note_id, patch }) => {
      const note = find(note_id);
      for (const field of PATCH_FIELDS) {
        if (field in patch && patch[field] === null) {
          throw new HTTPException(400, `Field '${field}' cannot be null`);
        }
      }
      // Only the fields present in the body change.
      if (patch.title != null) note.title = patch.title;
      if (patch.body != null) note.body = patch.body;
      if (patch.priority != null) note.priority = patch.priority;
      return note;
    },
  );

  router.delete("/notes/{note_id}", { params: { note_id: noteId }, status: 204 }, ({ note_id }) => {
    find(note_id);
    state.notes.delete(note_id);
  });

  return router;
}
