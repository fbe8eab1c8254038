import { describe, expect, it } from "vitest";
import { EnvLookup, envNameOf } from "./env-names";

describe("envNameOf", () => {
  it.each([
    ["database_url", "", "DATABASE_URL"],
    ["databaseUrl", "", "DATABASE_URL"],
    ["port", "", "PORT"],
    ["dbURL", "", "DB_URL"],
    ["HTTPServerPort", "", "HTTP_SERVER_PORT"],
    ["apiV2Key", "", "API_V2_KEY"],
    ["port", "APP_", "APP_PORT"],
  ])("%s with prefix %j → %s", (key, prefix, name) => {
    expect(envNameOf(key, prefix)).toBe(name);
  });
});

describe("EnvLookup", () => {
  const source = { PORT: "1", Debug: "yes", debug: "no", EMPTY: "", UNSET: undefined };

  it("finds names in any case unless case-sensitive, preferring the exact spelling", () => {
    const lookup = new EnvLookup(source, { caseSensitive: false });
    expect(lookup.get("PORT")).toBe("1");
    expect(lookup.get("port")).toBe("1");
    expect(lookup.get("debug")).toBe("no");
    expect(lookup.get("DEBUG")).toBe("yes");
    expect(lookup.get("EMPTY")).toBe("");
    expect(lookup.get("UNSET")).toBeUndefined();
  });

  it("matches only the exact spelling when case-sensitive", () => {
    const lookup = new EnvLookup(source, { caseSensitive: true });
    expect(lookup.get("PORT")).toBe("1");
    expect(lookup.get("port")).toBeUndefined();
    expect(lookup.get("DEBUG")).toBeUndefined();
  });

  it("does not read inherited properties", () => {
    const lookup = new EnvLookup({}, { caseSensitive: true });
    expect(lookup.get("toString")).toBeUndefined();
    expect(new EnvLookup({}, { caseSensitive: false }).get("constructor")).toBeUndefined();
  });
});
