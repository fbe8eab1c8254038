import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import * as v from "valibot";
import { afterEach, beforeEach, describe, expect, expectTypeOf, it, vi } from "vitest";
import { DotenvError } from "../../src/settings/dotenv";
import { loadSettings } from "../../src/settings/load-settings";
import { SettingsError } from "../../src/settings/settings-error";

const int = () => v.pipe(v.number(), v.integer());

function caught(fn: () => unknown): SettingsError {
  try {
    fn();
  } catch (error) {
    if (error instanceof SettingsError) return error;
    throw error;
  }
  throw new Error("expected a SettingsError");
}

describe("loadSettings: reading and coercing variables", () => {
  const Settings = v.object({
    database_url: v.string(),
    port: v.optional(int(), 8000),
    debug: v.optional(v.boolean(), false),
    ratio: v.optional(v.number()),
    mode: v.optional(v.picklist(["dev", "prod"]), "dev"),
  });

  it("maps each key to its UPPER_SNAKE variable and coerces like query parameters", () => {
    const settings = loadSettings(Settings, {
      env: {
        DATABASE_URL: "postgres://db/app",
        PORT: "9000",
        DEBUG: "yes",
        RATIO: "0.5",
        MODE: "prod",
      },
      envFile: false,
    });
    expect(settings).toEqual({
      database_url: "postgres://db/app",
      port: 9000,
      debug: true,
      ratio: 0.5,
      mode: "prod",
    });
    expectTypeOf(settings.port).toEqualTypeOf<number>();
    expectTypeOf(settings.ratio).toEqualTypeOf<number | undefined>();
  });

  it("applies defaults and leaves absent optional keys out", () => {
    const settings = loadSettings(Settings, { env: { DATABASE_URL: "x" }, envFile: false });
    expect(settings).toEqual({ database_url: "x", port: 8000, debug: false, mode: "dev" });
    expect("ratio" in settings).toBe(false);
  });

  it("derives names from camelCase keys and applies the prefix", () => {
    const Camel = v.object({ databaseUrl: v.string(), maxConnections: int() });
    const env = { APP_DATABASE_URL: "x", APP_MAX_CONNECTIONS: "5", DATABASE_URL: "wrong" };
    expect(loadSettings(Camel, { env, envFile: false, prefix: "APP_" })).toEqual({
      databaseUrl: "x",
      maxConnections: 5,
    });
  });

  it("takes exact names from `names`, without the prefix", () => {
    const Named = v.object({ databaseUrl: v.string(), port: int() });
    const settings = loadSettings(Named, {
      env: { DATABASE_URL: "x", APP_PORT: "1" },
      envFile: false,
      prefix: "APP_",
      names: { databaseUrl: "DATABASE_URL" },
    });
    expect(settings).toEqual({ databaseUrl: "x", port: 1 });
  });

  it("matches names in any case unless caseSensitive", () => {
    const Small = v.object({ port: int() });
    expect(loadSettings(Small, { env: { port: "1" }, envFile: false })).toEqual({ port: 1 });
    const error = caught(() =>
      loadSettings(Small, { env: { port: "1" }, envFile: false, caseSensitive: true }),
    );
    expect(error.message).toContain("PORT: missing");
  });

  it("treats an empty variable as a value, or as unset with ignoreEmpty", () => {
    const Small = v.object({ port: v.optional(int(), 8000), name: v.optional(v.string(), "n") });
    expect(loadSettings(Small, { env: { NAME: "" }, envFile: false })).toEqual({
      port: 8000,
      name: "",
    });
    expect(
      loadSettings(Small, { env: { PORT: "", NAME: "" }, envFile: false, ignoreEmpty: true }),
    ).toEqual({
      port: 8000,
      name: "n",
    });
    expect(caught(() => loadSettings(Small, { env: { PORT: "" }, envFile: false })).issues).toEqual(
      [
        {
          variable: "PORT",
          key: "port",
          type: "int_parsing",
          message: 'expected an integer, got ""',
        },
      ],
    );
  });

  it("reads from process.env by default", () => {
    vi.stubEnv("TYPHOON_TEST_SETTING", "42");
    try {
      const settings = loadSettings(v.object({ typhoon_test_setting: int() }), { envFile: false });
      expect(settings.typhoon_test_setting).toBe(42);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("rejects a schema that is not an object", () => {
    expect(() => loadSettings(v.string() as never, { env: {}, envFile: false })).toThrow(
      "loadSettings expects an object schema",
    );
  });
});

describe("loadSettings: lists and structured values", () => {
  const Settings = v.object({
    hosts: v.optional(v.array(v.string()), []),
    ports: v.optional(v.array(int())),
    pool: v.optional(v.object({ min: int(), max: int() })),
    weights: v.optional(v.record(v.string(), v.number())),
  });

  it("reads lists from comma-separated text, trimming items", () => {
    const settings = loadSettings(Settings, {
      env: { HOSTS: "a.com, b.com ,c.com", PORTS: "80,443" },
      envFile: false,
    });
    expect(settings.hosts).toEqual(["a.com", "b.com", "c.com"]);
    expect(settings.ports).toEqual([80, 443]);
  });

  it("reads lists from JSON arrays (items may contain commas)", () => {
    const settings = loadSettings(Settings, {
      env: { HOSTS: '["a,b", "c"]', PORTS: " [1, 2] " },
      envFile: false,
    });
    expect(settings.hosts).toEqual(["a,b", "c"]);
    expect(settings.ports).toEqual([1, 2]);
  });

  it("reads an empty variable as an empty list, which the schema may reject", () => {
    expect(loadSettings(Settings, { env: { HOSTS: "" }, envFile: false }).hosts).toEqual([]);
    const NonEmpty = v.object({ hosts: v.pipe(v.array(v.string()), v.minLength(1)) });
    const error = caught(() => loadSettings(NonEmpty, { env: { HOSTS: "" }, envFile: false }));
    expect(error.issues[0]).toMatchObject({ variable: "HOSTS", type: "too_short" });
  });

  it("reads objects and records from JSON", () => {
    const settings = loadSettings(Settings, {
      env: { POOL: '{"min": 1, "max": "10"}', WEIGHTS: '{"a": 0.5}' },
      envFile: false,
    });
    expect(settings.pool).toEqual({ min: 1, max: 10 });
    expect(settings.weights).toEqual({ a: 0.5 });
  });

  it("points errors inside JSON at their path, and reports invalid JSON without quoting it", () => {
    const error = caught(() =>
      loadSettings(Settings, {
        env: { POOL: '{"min": "x"}', PORTS: "1,two", WEIGHTS: "{oops" },
        envFile: false,
      }),
    );
    expect(error.issues).toEqual([
      {
        variable: "PORTS[1]",
        key: "ports",
        type: "int_parsing",
        message: 'expected an integer, got "two"',
      },
      {
        variable: "POOL.min",
        key: "pool",
        type: "int_parsing",
        message: 'expected an integer, got "x"',
      },
      { variable: "POOL.max", key: "pool", type: "missing", message: "missing" },
      {
        variable: "WEIGHTS",
        key: "weights",
        type: "json_invalid",
        message: 'expected valid JSON, got "{oops"',
      },
    ]);
  });
});

describe("loadSettings: one error listing every problem", () => {
  const Settings = v.object({
    database_url: v.string(),
    port: int(),
    debug: v.boolean(),
    api_key: v.pipe(v.string(), v.minLength(32)),
    db_password: v.pipe(v.string(), v.minLength(12)),
    workers: v.pipe(int(), v.minValue(1)),
  });

  it("lists every missing or invalid variable at once", () => {
    const error = caught(() =>
      loadSettings(Settings, {
        env: {
          PORT: "x",
          DEBUG: "maybe",
          API_KEY: "sk-live-123",
          DB_PASSWORD: "hunter2",
          WORKERS: "0",
        },
        envFile: false,
      }),
    );
    expect(error).toBeInstanceOf(SettingsError);
    expect(error.code).toBe("SETTINGS_INVALID");
    expect(error.message).toBe(
      [
        "Invalid settings (6 problems):",
        "  DATABASE_URL: missing",
        '  PORT: expected an integer, got "x"',
        '  DEBUG: expected a boolean (true/false, 1/0, yes/no, on/off), got "maybe"',
        "  API_KEY: String should have at least 32 characters, got a hidden value (11 characters)",
        "  DB_PASSWORD: String should have at least 12 characters, got a hidden value (7 characters)",
        '  WORKERS: Input should be greater than or equal to 1, got "0"',
      ].join("\n"),
    );
    expect(error.issues.map((issue) => issue.key)).toEqual([
      "database_url",
      "port",
      "debug",
      "api_key",
      "db_password",
      "workers",
    ]);
  });

  it("never shows a secret value, in the message or the issues", () => {
    const error = caught(() =>
      loadSettings(v.object({ auth_token: int(), config_secret: v.object({ a: int() }) }), {
        env: { AUTH_TOKEN: "tok_abcdef", CONFIG_SECRET: '{"a": "s3cr3t"}' },
        envFile: false,
      }),
    );
    const everything = JSON.stringify(error.issues) + error.message;
    expect(everything).not.toContain("tok_abcdef");
    expect(everything).not.toContain("s3cr3t");
    expect(error.message).toContain(
      "AUTH_TOKEN: expected an integer, got a hidden value (10 characters)",
    );
    expect(error.message).toContain(
      "CONFIG_SECRET.a: expected an integer, got a hidden value (6 characters)",
    );
  });

  it("takes a custom secret pattern", () => {
    const error = caught(() =>
      loadSettings(v.object({ dsn: int() }), {
        env: { DSN: "pg://u:p@h" },
        envFile: false,
        secretPattern: /dsn/i,
      }),
    );
    expect(error.message).toBe(
      "Invalid settings (1 problem):\n  DSN: expected an integer, got a hidden value (10 characters)",
    );
  });

  it("runs checks across keys after every key is valid, pointing forwarded ones at their variable", () => {
    const Range = v.pipe(
      v.object({ min_port: int(), max_port: int() }),
      v.forward(
        v.partialCheck(
          [["min_port"], ["max_port"]],
          (s) => s.min_port <= s.max_port,
          "must be >= MIN_PORT",
        ),
        ["max_port"],
      ),
      v.check((s) => s.max_port - s.min_port < 1000, "the range is too wide"),
    );
    expect(
      loadSettings(Range, { env: { MIN_PORT: "10", MAX_PORT: "20" }, envFile: false }),
    ).toEqual({
      min_port: 10,
      max_port: 20,
    });
    const reversed = caught(() =>
      loadSettings(Range, { env: { MIN_PORT: "10", MAX_PORT: "5" }, envFile: false }),
    );
    expect(reversed.issues).toHaveLength(1);
    expect(reversed.issues[0]).toMatchObject({ variable: "MAX_PORT", key: "max_port" });
    expect(reversed.issues[0]?.message).toContain("must be >= MIN_PORT");
    const wide = caught(() =>
      loadSettings(Range, { env: { MIN_PORT: "1", MAX_PORT: "5000" }, envFile: false }),
    );
    expect(wide.issues[0]).toMatchObject({ variable: "(settings)", key: undefined });
    expect(wide.message).toContain("the range is too wide");
  });
});

describe("loadSettings: the .env file", () => {
  let dir: string;
  let cwd: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "typhoon-settings-"));
    cwd = process.cwd();
  });
  afterEach(() => {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  });

  const Settings = v.object({ port: int(), name: v.string(), key_file: v.optional(v.string()) });

  it("reads .env from the working directory; real variables win over the file", () => {
    writeFileSync(path.join(dir, ".env"), 'PORT=1\nNAME="from file"\nexport KEY_FILE=/k.pem\n');
    process.chdir(dir);
    expect(loadSettings(Settings, { env: { PORT: "2" } })).toEqual({
      port: 2,
      name: "from file",
      key_file: "/k.pem",
    });
  });

  it("reads another file when given, and skips a missing one", () => {
    const file = path.join(dir, "prod.env");
    writeFileSync(file, "PORT=3\nNAME=prod\n");
    expect(loadSettings(Settings, { env: {}, envFile: file })).toEqual({ port: 3, name: "prod" });
    const error = caught(() =>
      loadSettings(Settings, { env: {}, envFile: path.join(dir, "nope.env") }),
    );
    expect(error.issues.map((issue) => issue.message)).toEqual(["missing", "missing"]);
  });

  it("does not write the file's values into the environment", () => {
    const file = path.join(dir, ".env");
    writeFileSync(file, "TYPHOON_FROM_DOTENV=1\nPORT=1\nNAME=x\n");
    loadSettings(Settings, { envFile: file });
    expect(process.env.TYPHOON_FROM_DOTENV).toBeUndefined();
  });

  it("matches file names in any case too", () => {
    const file = path.join(dir, ".env");
    writeFileSync(file, "port=4\nName=y\n");
    expect(loadSettings(Settings, { env: {}, envFile: file })).toEqual({ port: 4, name: "y" });
  });

  it("reports a syntax error with the file and line", () => {
    const file = path.join(dir, "bad.env");
    writeFileSync(file, "PORT=1\nNAME='unclosed\n");
    expect(() => loadSettings(Settings, { env: {}, envFile: file })).toThrow(DotenvError);
    expect(() => loadSettings(Settings, { env: {}, envFile: file })).toThrow(
      `${file}:2: unterminated ' quoted value`,
    );
  });

  it("reports an unreadable file instead of skipping it", () => {
    expect(() => loadSettings(Settings, { env: {}, envFile: dir })).toThrow(/EISDIR/);
  });
});
