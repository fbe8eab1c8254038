import { describe, expect, it } from "vitest";
import { StaticTable } from "./static-table";

describe("StaticTable", () => {
  it("finds keys by whole string and by slice, and misses on anything else", () => {
    const table = new StaticTable<number>();
    table.set("/items", 1);
    table.set("/users", 2); // same length, another key
    table.set("/", 3);
    expect(table.get("/items")).toBe(1);
    expect(table.get("/users")).toBe(2);
    expect(table.get("/")).toBe(3);
    expect(table.get("/itemz")).toBeUndefined();
    expect(table.get("")).toBeUndefined();
    expect(table.get("/items/")).toBeUndefined();
    const path = "/api/users/42";
    expect(table.getSlice(path, 4, 10)).toBe(2);
    expect(table.getSlice(path, 4, 9)).toBeUndefined();
    expect(table.getSlice(path, 0, 1)).toBe(3);
    expect(table.size).toBe(3);
  });

  it("replaces a value set twice", () => {
    const table = new StaticTable<string>();
    table.set("a", "x");
    table.set("a", "y");
    expect(table.get("a")).toBe("y");
    expect(table.size).toBe(1);
  });

  it("keeps working once a bucket of same-length keys becomes a Map", () => {
    const table = new StaticTable<number>();
    const keys = Array.from({ length: 50 }, (_, i) => `/r${String(i).padStart(3, "0")}`);
    for (const [i, key] of keys.entries()) table.set(key, i);
    table.set("/r007", 700);
    expect(table.size).toBe(50);
    for (const [i, key] of keys.entries()) {
      expect(table.get(key)).toBe(key === "/r007" ? 700 : i);
    }
    expect(table.get("/r999")).toBeUndefined();
    expect(table.getSlice("x/r042/y", 1, 6)).toBe(42);
    expect(table.getSlice("x/r999/y", 1, 6)).toBeUndefined();
  });
});
