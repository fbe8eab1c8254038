import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { Form, Typhoon } from "../src/index";
import { TestClient } from "../src/testing/index";

// A form model (`Form(objectSchema)`): each entry read as its own form field (repeated keys
// fill lists, the last value wins otherwise, an empty string is absent), then the model's own
// checks, only when every entry is valid. The same model reader serves query/header/cookie
// models (test/models.test.ts).

const Signup = v.pipe(
  v.object({
    username: v.pipe(v.string(), v.minLength(3)),
    age: v.pipe(v.number(), v.integer()),
    plan: v.optional(v.picklist(["free", "pro"]), "free"),
    interests: v.optional(v.array(v.string()), []),
  }),
  v.check((s) => !(s.plan === "pro" && s.age < 18), "a pro plan needs an adult"),
);

function makeClient() {
  const app = new Typhoon();
  app.post("/signup", { params: { signup: Form(Signup) } }, ({ signup }) => signup);
  return new TestClient(app);
}

describe("form models", () => {
  const client = makeClient();
  const locs = (json: { detail: { loc: unknown }[] }) => json.detail.map((e) => e.loc);

  it("reads every entry as its own field: coerced, last value wins, repeats fill lists", async () => {
    const res = await client.post("/signup", {
      data: { username: ["first", "ann"], age: "30", interests: ["a", "b"] },
    });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ username: "ann", age: 30, plan: "free", interests: ["a", "b"] });
  });

  it("reports each invalid entry at ['body', key], and an empty string as missing", async () => {
    const res = await client.post("/signup", { data: { username: "an", age: "", plan: "gold" } });
    expect(res.status).toBe(422);
    expect(locs(res.json())).toEqual([
      ["body", "username"],
      ["body", "age"],
      ["body", "plan"],
    ]);
    expect(res.json().detail[1].type).toBe("missing");
  });

  it("runs the model's own check once the entries are valid, and only then", async () => {
    const check = await client.post("/signup", {
      data: { username: "kid", age: "12", plan: "pro" },
    });
    expect(check.status).toBe(422);
    expect(check.json().detail.map((e: { msg: string }) => e.msg)).toEqual([
      "Value error, a pro plan needs an adult",
    ]);
    const both = await client.post("/signup", { data: { username: "k", age: "12", plan: "pro" } });
    expect(locs(both.json())).toEqual([["body", "username"]]);
  });
});
