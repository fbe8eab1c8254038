import { describe, expect, it } from "vitest";
import { expect422, expectDetail, expectJson, referenceClient } from "./helpers";

describe("apps/reference/SPEC.md §2.2 path parameters", () => {
  const { client } = referenceClient();

  it("GET /items/{item_id}: an int in (0, 1000]", async () => {
    expectJson(await client.get("/items/3"), { item_id: 3, double: 6 });
    expectJson(await client.get("/items/1000"), { item_id: 1000, double: 2000 });
  });

  it.each(["0", "1001", "-3", "abc", "5.5", "✓", "99999999999999999999"])(
    "GET /items/%s is a 422 at [path, item_id]",
    async (raw) => {
      expect422(await client.get(`/items/${encodeURIComponent(raw)}`), [["path", "item_id"]]);
    },
  );

  it("GET /colors/{color}: an exact, case-sensitive enum", async () => {
    expectJson(await client.get("/colors/red"), { color: "red", is_warm: true });
    expectJson(await client.get("/colors/blue"), { color: "blue", is_warm: false });
    expect422(await client.get("/colors/Red"), [["path", "color"]]);
    expect422(await client.get("/colors/purple"), [["path", "color"]]);
  });

  it("GET /files/{file_path:path} takes the rest of the path, slashes included", async () => {
    expectJson(await client.get("/files/a/b/c.txt"), {
      file_path: "a/b/c.txt",
      segments: ["a", "b", "c.txt"],
    });
    expectJson(await client.get("/files/my%20file.txt"), {
      file_path: "my file.txt",
      segments: ["my file.txt"],
    });
  });

  it("GET /users/me is a static route declared before /users/{user_id}", async () => {
    expectJson(await client.get("/users/me"), { user: "the current user (static route)" });
    expectJson(await client.get("/users/42"), { user_id: 42 });
    expect422(await client.get("/users/you"), [["path", "user_id"]]);
  });

  it("GET /ratio/{value}: a float in [0, 1), percent rounded to 2 decimals", async () => {
    expectJson(await client.get("/ratio/0.25"), { value: 0.25, percent: 25 });
    expectJson(await client.get("/ratio/0"), { value: 0, percent: 0 });
    expectJson(await client.get("/ratio/0.12345"), { value: 0.12345, percent: 12.35 });
    expectJson(await client.get("/ratio/1e-3"), { value: 0.001, percent: 0.1 });
    for (const bad of ["1", "-0.1", "abc", "1e400"]) {
      expect422(await client.get(`/ratio/${bad}`), [["path", "value"]]);
    }
  });

  it("matching is case-sensitive and happens after percent-decoding", async () => {
    expectDetail(await client.get("/Items/3"), 404, "Not Found");
    expectDetail(await client.get("/items/3%2F4"), 404, "Not Found");
    expect((await client.get("/items/%33")).json()).toEqual({ item_id: 3, double: 6 });
  });
});
