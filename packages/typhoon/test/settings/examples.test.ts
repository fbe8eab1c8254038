import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseDotenv } from "../../src/settings/dotenv";
import { SettingsError } from "../../src/settings/settings-error";
import { TestClient } from "../../src/testing/index";
import { app, getSettings } from "./examples/app-settings";
import { readSettings } from "./examples/config";

const docs = readFileSync(new URL("../../docs/settings.md", import.meta.url), "utf8");

/** The docs quote each example file verbatim. */
function quoted(name: string): string {
  return readFileSync(new URL(`./examples/${name}.ts`, import.meta.url), "utf8");
}

describe("docs/settings.md examples", () => {
  it.each(["config", "app-settings"])("quotes examples/%s.ts verbatim", (name) => {
    expect(docs).toContain(`\`\`\`ts\n${quoted(name)}\`\`\``);
  });

  it("config: reads and coerces the documented variables", () => {
    const settings = readSettings({
      DATABASE_URL: "postgres://app@db/app",
      PORT: "9000",
      DEBUG: "true",
      ALLOWED_HOSTS: "example.com, api.example.com",
      SECRET_KEY: "k".repeat(40),
    });
    expect(settings).toEqual({
      database_url: "postgres://app@db/app",
      port: 9000,
      debug: true,
      allowed_hosts: ["example.com", "api.example.com"],
      secret_key: "k".repeat(40),
    });
  });

  it("config: the error shown in the docs is the one thrown", () => {
    let error: unknown;
    try {
      readSettings({ PORT: "eighty", DEBUG: "maybe", SECRET_KEY: "hunter2" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SettingsError);
    expect(docs).toContain(`\`\`\`text\n${(error as Error).message}\n\`\`\``);
  });

  it("the .env sample parses as the docs describe", () => {
    const sample = /```sh\n([\s\S]*?)```/.exec(docs)?.[1] ?? "";
    expect(parseDotenv(sample)).toEqual({
      PORT: "8000",
      DATABASE_URL: "postgres://db/app",
      GREETING: "Hello\nWorld",
      PATTERN: "^\\d+$",
      TLS_KEY: "-----BEGIN KEY-----\nMIIE...\n-----END KEY-----",
    });
  });

  describe("app-settings", () => {
    afterEach(() => {
      app.dependencyOverrides.clear();
      vi.unstubAllEnvs();
    });

    it("serves settings overridden in a test", async () => {
      app.dependencyOverrides.set(getSettings, () => ({
        app_name: "Test API",
        admin_email: "test@example.com",
        items_per_user: 5,
      }));
      const res = await new TestClient(app).get("/info");
      expect(res.json()).toEqual({
        app_name: "Test API",
        admin_email: "test@example.com",
        items_per_user: 5,
      });
    });

    it("reads the environment once, on first use", async () => {
      vi.stubEnv("ADMIN_EMAIL", "admin@example.com");
      const client = new TestClient(app);
      expect((await client.get("/info")).json()).toEqual({
        app_name: "Awesome API",
        admin_email: "admin@example.com",
        items_per_user: 50,
      });
      vi.stubEnv("ADMIN_EMAIL", "changed@example.com");
      expect((await client.get("/info")).json()).toMatchObject({
        admin_email: "admin@example.com",
      });
    });
  });
});
