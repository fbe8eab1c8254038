import { describe, expect, it } from "vitest";
import { OpenAPIError } from "../errors";
import { documentPath, generateOperationId, summaryFromName } from "./naming";

describe("generateOperationId (FastAPI's generate_unique_id)", () => {
  it.each([
    ["read_item", "/items/{item_id}", "GET", "read_item_items__item_id__get"],
    ["read_file", "/files/{file_path}", "GET", "read_file_files__file_path__get"],
    ["root", "/", "GET", "root__get"],
    // Python's \W is Unicode-aware: letters and digits of any script stay.
    ["café", "/menü/{x}-y.json", "POST", "café_menü__x__y_json_post"],
    ["h", "/a b/ü٣", "delete", "h_a_b_ü٣_delete"],
  ])("%s %s %s → %s", (name, path, method, expected) => {
    expect(generateOperationId(name, path, method)).toBe(expected);
  });
});

describe("summaryFromName (Python's str.title() over words)", () => {
  it.each([
    ["read_item", "Read Item"],
    ["get_user_v2", "Get User V2"],
    ["v2beta", "V2Beta"],
    ["HTTP_status", "Http Status"],
    ["read_item2go", "Read Item2Go"],
    ["readItem", "Read Item"],
    ["listUsersByID", "List Users By Id"],
    ["_private", "Private"],
  ])("%s → %s", (name, expected) => {
    expect(summaryFromName(name)).toBe(expected);
  });
});

describe("documentPath", () => {
  it("writes a catch-all {name:path} as {name}", () => {
    expect(documentPath("/files/{file_path:path}")).toEqual({
      path: "/files/{file_path}",
      params: ["file_path"],
    });
  });

  it("keeps other templates as they are", () => {
    expect(documentPath("/users/{user_id}/items/{item_id}")).toEqual({
      path: "/users/{user_id}/items/{item_id}",
      params: ["user_id", "item_id"],
    });
    expect(documentPath("/")).toEqual({ path: "/", params: [] });
  });

  it("refuses what the router refuses, with its reason", () => {
    for (const bad of ["items", "/a/{id:int}", "/{x}.json", "/{p:path}/tail"]) {
      expect(() => documentPath(bad)).toThrow(OpenAPIError);
      expect(() => documentPath(bad)).toThrow(/Invalid path template/);
    }
  });
});
