import { beforeEach, describe, expect, it } from "vitest";
import { expect422, expectDetail, expectJson, referenceClient } from "./helpers";

describe("apps/reference/SPEC.md §2.8 notes: a small stateful CRUD resource", () => {
  const { client } = referenceClient();
  beforeEach(async () => {
    await client.post("/__reset");
  });

  it("POST /notes: 201, ids from 1, defaults body '' and priority 3", async () => {
    expectJson(
      await client.post("/notes", { json: { title: "first" } }),
      { id: 1, title: "first", body: "", priority: 3 },
      201,
    );
    expectJson(
      await client.post("/notes", { json: { title: "second", body: "text", priority: 5 } }),
      { id: 2, title: "second", body: "text", priority: 5 },
      201,
    );
    expect422(await client.post("/notes", { json: { title: "", priority: 6 } }), [
      ["body", "title"],
      ["body", "priority"],
    ]);
    expect422(await client.post("/notes", { json: { title: "x".repeat(51), priority: 0 } }), [
      ["body", "title"],
      ["body", "priority"],
    ]);
  });

  it("ids are never reused", async () => {
    await client.post("/notes", { json: { title: "a" } });
    await client.delete("/notes/1");
    expect((await client.post("/notes", { json: { title: "b" } })).json().id).toBe(2);
  });

  it("GET /notes filters by min_priority, sorted by id", async () => {
    for (const priority of [2, 5, 3, 1]) {
      await client.post("/notes", { json: { title: `p${priority}`, priority } });
    }
    const ids = async (query: string) =>
      (await client.get(`/notes${query}`)).json().map((n: { id: number }) => n.id);
    expect(await ids("")).toEqual([1, 2, 3, 4]);
    expect(await ids("?min_priority=3")).toEqual([2, 3]);
    expect(await ids("?min_priority=5")).toEqual([2]);
    expect422(await client.get("/notes?min_priority=6"), [["query", "min_priority"]]);
    expect422(await client.get("/notes?min_priority=0"), [["query", "min_priority"]]);
  });

  it("GET /notes/{note_id}: the note or 404", async () => {
    await client.post("/notes", { json: { title: "a" } });
    expectJson(await client.get("/notes/1"), { id: 1, title: "a", body: "", priority: 3 });
    expectDetail(await client.get("/notes/2"), 404, "Note not found");
    expect422(await client.get("/notes/x"), [["path", "note_id"]]);
  });

  it("PATCH updates only the fields present", async () => {
    await client.post("/notes", { json: { title: "a", body: "b", priority: 2 } });
    expectJson(await client.patch("/notes/1", { json: { priority: 4 } }), {
      id: 1,
      title: "a",
      body: "b",
      priority: 4,
    });
    expectJson(await client.patch("/notes/1", { json: {} }), {
      id: 1,
      title: "a",
      body: "b",
      priority: 4,
    });
    expectJson(await client.patch("/notes/1", { json: { title: "t", body: "" } }), {
      id: 1,
      title: "t",
      body: "",
      priority: 4,
    });
  });

  it("PATCH rules in order: 422, then 404, then 400 for the first null field", async () => {
    await client.post("/notes", { json: { title: "a" } });
    expect422(await client.patch("/notes/1"), [["body"]]);
    expect422(await client.patch("/notes/99", { json: { title: "", priority: 9 } }), [
      ["body", "title"],
      ["body", "priority"],
    ]);
    expectDetail(await client.patch("/notes/99", { json: { title: null } }), 404, "Note not found");
    expectDetail(
      await client.patch("/notes/1", { json: { priority: null, body: null } }),
      400,
      "Field 'body' cannot be null",
    );
    expectDetail(
      await client.patch("/notes/1", { json: { priority: null, title: null } }),
      400,
      "Field 'title' cannot be null",
    );
    expectDetail(
      await client.patch("/notes/1", { json: { priority: null } }),
      400,
      "Field 'priority' cannot be null",
    );
    expectJson(await client.get("/notes/1"), { id: 1, title: "a", body: "", priority: 3 });
  });

  it("DELETE: 204 empty, then 404", async () => {
    await client.post("/notes", { json: { title: "a" } });
    const res = await client.delete("/notes/1");
    expect(res.status).toBe(204);
    expect(res.body.byteLength).toBe(0);
    expectDetail(await client.delete("/notes/1"), 404, "Note not found");
    expectDetail(await client.get("/notes/1"), 404, "Note not found");
  });
});
