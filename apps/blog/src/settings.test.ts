import { SettingsError } from "typhoon/settings";
import { describe, expect, it } from "vitest";
import { readSettings } from "./settings";

const read = (env: Record<string, string>) => readSettings({ env, envFile: false });

describe("readSettings", () => {
  it("needs nothing: the zero-setup defaults", () => {
    expect(read({})).toEqual({
      app_name: "Typhoon Blog",
      host: "127.0.0.1",
      port: 8000,
      data_dir: ".data/pglite",
      password_hash_cost: 15,
      access_token_minutes: 30,
      admin_emails: [],
      cors_origins: ["http://localhost:5173"],
      upstreams: {},
      upstream_timeout_ms: 2000,
      upstream_max_bytes: 1_048_576,
      mail_from: "blog@example.com",
      log_requests: true,
    });
  });

  it("reads lists, JSON objects, numbers and booleans from their variables", () => {
    const settings = read({
      DATABASE_URL: "postgres://blog:pw@db:5432/blog",
      PORT: "9000",
      ADMIN_EMAILS: "Boss@Example.com, ops@example.com",
      UPSTREAMS: '{"weather": "http://127.0.0.1:9001/now"}',
      LOG_REQUESTS: "no",
      SECRET_KEY: "k".repeat(32),
    });
    expect(settings).toMatchObject({
      database_url: "postgres://blog:pw@db:5432/blog",
      port: 9000,
      admin_emails: ["boss@example.com", "ops@example.com"],
      upstreams: { weather: "http://127.0.0.1:9001/now" },
      log_requests: false,
      secret_key: "k".repeat(32),
    });
  });

  it("reports every bad variable at once and never shows a secret", () => {
    let error: unknown;
    try {
      read({
        DATABASE_URL: "mysql://x",
        PORT: "eighty",
        SECRET_KEY: "hunter2",
        UPSTREAMS: '{"Bad Name": "not a url"}',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SettingsError);
    const keys = (error as SettingsError).issues.map((issue) => issue.key);
    expect(keys.sort()).toEqual(["database_url", "port", "secret_key", "upstreams"]);
    expect((error as SettingsError).message).not.toContain("hunter2");
  });
});
