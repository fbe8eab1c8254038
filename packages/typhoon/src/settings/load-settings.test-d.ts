import * as v from "valibot";
import { describe, expectTypeOf, it } from "vitest";
import { loadSettings } from "./load-settings";

describe("loadSettings types", () => {
  const Settings = v.object({
    databaseUrl: v.string(),
    port: v.optional(v.pipe(v.number(), v.integer()), 8000),
    hosts: v.optional(v.array(v.string())),
  });

  it("returns the schema's output type", () => {
    const settings = loadSettings(Settings, { env: {} });
    expectTypeOf(settings).toEqualTypeOf<{
      databaseUrl: string;
      port: number;
      hosts?: string[] | undefined;
    }>();
  });

  it("accepts a piped object schema", () => {
    const Checked = v.pipe(
      v.object({ min: v.number(), max: v.number() }),
      v.check((s) => s.min <= s.max),
    );
    expectTypeOf(loadSettings(Checked)).toEqualTypeOf<{ min: number; max: number }>();
  });

  it("checks the keys of `names`", () => {
    loadSettings(Settings, { names: { databaseUrl: "DATABASE_URL" } });
    // @ts-expect-error: not a key of the schema
    loadSettings(Settings, { names: { databaseURL: "DATABASE_URL" } });
  });

  it("refuses schemas that are not objects", () => {
    // @ts-expect-error: a settings schema is an object schema
    loadSettings(v.string());
  });
});
