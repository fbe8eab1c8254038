import { describe, expect, it } from "vitest";
import { expect422, expectDetail, expectJson, referenceClient } from "./helpers";

describe("apps/reference/SPEC.md §2.9 dependencies", () => {
  const { client } = referenceClient();

  it("GET /dep/common: a shared dependency of query parameters", async () => {
    expectJson(await client.get("/dep/common"), { source: "common", q: null, skip: 0, limit: 10 });
    expectJson(await client.get("/dep/common?q=x&skip=5&limit=50"), {
      source: "common",
      q: "x",
      skip: 5,
      limit: 50,
    });
    expect422(await client.get("/dep/common?skip=-1&limit=51"), [
      ["query", "skip"],
      ["query", "limit"],
    ]);
  });

  it("GET /dep/sub: query first, then the cookie, then none", async () => {
    expectJson(await client.get("/dep/sub?q=hello", { cookies: { last_query: "old" } }), {
      value: "hello",
      from: "query",
    });
    expectJson(await client.get("/dep/sub?q=", { cookies: { last_query: "old" } }), {
      value: "old",
      from: "cookie",
    });
    expectJson(await client.get("/dep/sub"), { value: null, from: "none" });
  });

  it("GET /dep/cached: three uses, one evaluation", async () => {
    expectJson(await client.get("/dep/cached"), { a: 1, b: 1, c: 1, calls: 1 });
    expectJson(await client.get("/dep/cached"), { a: 1, b: 1, c: 1, calls: 1 });
  });

  it("GET /dep/uncached: uses with caching disabled run again, in order", async () => {
    expectJson(await client.get("/dep/uncached"), { a: 1, b: 2, c: 3, calls: 3 });
  });

  it("GET /dep/yield: open, use, close on the side channel", async () => {
    expectJson(await client.get("/dep/yield?key=ok-run"), {
      key: "ok-run",
      events_so_far: ["open", "use"],
    });
    expectJson(await client.get("/sidechannel/ok-run"), {
      key: "ok-run",
      events: ["open", "use", "close"],
    });
  });

  it("GET /dep/yield?fail=true: the dependency sees the error", async () => {
    expectDetail(
      await client.get("/dep/yield?key=bad-run&fail=true"),
      400,
      "Endpoint failed on purpose",
    );
    expectJson(await client.get("/sidechannel/bad-run"), {
      key: "bad-run",
      events: ["open", "use", "error:400", "close"],
    });
  });

  it("GET /dep/yield validates before calling the dependency", async () => {
    expect422(await client.get("/dep/yield?key=&fail=maybe"), [
      ["query", "key"],
      ["query", "fail"],
    ]);
    expect422(await client.get("/dep/yield"), [["query", "key"]]);
    // The dependency's own input was valid: it ran, and its cleanup saw the 422 pass by.
    expect422(await client.get("/dep/yield?key=half-valid&fail=maybe"), [["query", "fail"]]);
    expectJson(await client.get("/sidechannel/half-valid"), {
      key: "half-valid",
      events: ["open", "close"],
    });
  });

  it("GET /dep/fruits: a class-based dependency", async () => {
    expectJson(await client.get("/dep/fruits"), {
      page: 1,
      per_page: 3,
      fruits: ["apple", "banana", "cherry"],
      total: 8,
    });
    expectJson(await client.get("/dep/fruits?page=2&per_page=5"), {
      page: 2,
      per_page: 5,
      fruits: ["fig", "grape", "honeydew"],
      total: 8,
    });
    expectJson(await client.get("/dep/fruits?page=9"), {
      page: 9,
      per_page: 3,
      fruits: [],
      total: 8,
    });
    expect422(await client.get("/dep/fruits?page=0&per_page=6"), [
      ["query", "page"],
      ["query", "per_page"],
    ]);
  });

  it("GET /dep/prefix: one error per declaration of word", async () => {
    expectJson(await client.get("/dep/prefix?word=convey"), {
      word: "convey",
      prefix: "con",
      matches: true,
    });
    expectJson(await client.get("/dep/prefix?word=icon"), {
      word: "icon",
      prefix: "con",
      matches: false,
    });
    expect422(await client.get("/dep/prefix"), [
      ["query", "word"],
      ["query", "word"],
    ]);
  });

  it("GET /dep/even: the decorator dependency's 400 with X-Parity, or two errors", async () => {
    expectJson(await client.get("/dep/even?n=10"), { n: 10, half: 5 });
    expectJson(await client.get("/dep/even?n=-4"), { n: -4, half: -2 });
    const odd = await client.get("/dep/even?n=7");
    expectDetail(odd, 400, "n must be even");
    expect(odd.headers.get("x-parity")).toBe("odd");
    expect422(await client.get("/dep/even?n=seven"), [
      ["query", "n"],
      ["query", "n"],
    ]);
    expect422(await client.get("/dep/even"), [
      ["query", "n"],
      ["query", "n"],
    ]);
  });

  it("POST /tasks/notify/{email}: 202, then both tasks in order", async () => {
    expectJson(
      await client.post("/tasks/notify/ann@example.com?key=tasks-1"),
      { queued: true, email: "ann@example.com" },
      202,
    );
    expectJson(await client.get("/sidechannel/tasks-1"), {
      key: "tasks-1",
      events: ["dependency-task", "notified:ann@example.com"],
    });
    expect422(await client.post("/tasks/notify/ann@example.com"), [["query", "key"]]);
  });
});
