// The CLI driven in-process through `main(argv, context)`: output, exit codes, and the options
// it hands to `run` (a fake here; cli-process.test.ts serves for real).
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { RunOptions, ServerApp } from "@typhoon/server";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/cli";
import type { RouteInfo } from "../../src/cli/commands/routes";
import type { CliContext } from "../../src/cli/context";

const here = path.dirname(fileURLToPath(import.meta.url));
const version = (
  JSON.parse(readFileSync(path.join(here, "../../package.json"), "utf8")) as { version: string }
).version;

function context(env: Record<string, string> = {}) {
  const out = {
    stdout: "",
    stderr: "",
    runs: [] as Array<{ app: ServerApp; options: RunOptions }>,
  };
  const ctx: CliContext = {
    cwd: here,
    env,
    stdout: (text) => {
      out.stdout += text;
    },
    stderr: (text) => {
      out.stderr += text;
    },
    entry: "unused",
    run: async (app, options) => {
      out.runs.push({ app, options });
    },
  };
  return { ctx, out };
}

async function cli(argv: string[], env?: Record<string, string>) {
  const { ctx, out } = context(env);
  const code = await main(argv, ctx);
  return { code, ...out };
}

describe("typhoon: help, version, usage errors", () => {
  it("prints the usage on --help and exits 0", async () => {
    const result = await cli(["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Usage: typhoon <command> [options]");
    expect(result.stdout).toContain("routes <module>[:export]");
    expect((await cli(["run", "--help"])).stdout).toContain("--workers <n>");
    expect((await cli(["help", "dev"])).stdout).toContain("--watch <dir>");
  });

  it("prints the package version", async () => {
    expect(await cli(["--version"])).toMatchObject({ code: 0, stdout: `typhoon ${version}\n` });
  });

  it.each([
    [[], "typhoon: Missing command", "Usage: typhoon <command>"],
    [["serve", "app.ts"], 'typhoon: Unknown command "serve"', "Usage: typhoon <command>"],
    [["help", "serve"], 'typhoon: Unknown command "serve"', "Usage: typhoon <command>"],
    [
      ["run", "fixtures/app.ts", "--bogus"],
      "typhoon: Unknown option --bogus",
      "Usage: typhoon run",
    ],
    [
      ["routes", "fixtures/app.ts", "--port", "1"],
      "typhoon: Unknown option --port",
      "Usage: typhoon routes",
    ],
  ])("%j → usage and exit 2", async (argv, message, usage) => {
    const result = await cli(argv);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.startsWith(`${message}\n\n${usage}`)).toBe(true);
  });
});

describe("typhoon routes", () => {
  it("prints a table of methods, paths, names and tags, WebSockets and mounts included", async () => {
    const result = await cli(["routes", "fixtures/app.ts"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        "METHODS    PATH                              NAME         TAGS",
        "GET        /                                 -            -",
        "GET        /pid                              -            -",
        "POST       /items                            create_item  items",
        "GET        /v1/users/{user_id}               read_user    users",
        "PUT,PATCH  /v1/users/{user_id} (deprecated)  -            users,admin",
        "WS         /ws                               -            -",
        "MOUNT      /static                           static       -",
        "",
      ].join("\n"),
    );
  });

  it("prints the table shown in docs/cli.md", async () => {
    const docs = readFileSync(path.join(here, "../../docs/cli.md"), "utf8");
    const { stdout } = await cli(["routes", "fixtures/app.ts"]);
    expect(docs).toContain(`\`\`\`text\n${stdout}\`\`\``);
  });

  it("prints JSON with --json", async () => {
    const result = await cli(["routes", "fixtures/app.ts", "--json"]);
    const routes = JSON.parse(result.stdout) as RouteInfo[];
    expect(routes.map((r) => `${r.kind} ${r.methods.join(",")} ${r.path}`)).toEqual([
      "http GET /",
      "http GET /pid",
      "http POST /items",
      "http GET /v1/users/{user_id}",
      "http PUT,PATCH /v1/users/{user_id}",
      "websocket  /ws",
      "mount  /static",
    ]);
    expect(routes[3]).toEqual({
      kind: "http",
      methods: ["GET"],
      path: "/v1/users/{user_id}",
      name: "read_user",
      tags: ["users"],
      summary: "Read a user",
      deprecated: false,
      includeInSchema: true,
    });
    expect(routes[4]).toMatchObject({ tags: ["users", "admin"], deprecated: true, name: null });
  });

  it("picks a named export with module:export", async () => {
    const result = await cli(["routes", "fixtures/app.ts:admin", "--json"]);
    expect((JSON.parse(result.stdout) as RouteInfo[]).map((r) => r.path)).toEqual(["/admin"]);
  });

  it("says so when the app has no routes", async () => {
    const result = await cli(["routes", "fixtures/app.ts:empty"]);
    expect(result).toMatchObject({ code: 0, stdout: "No routes.\n" });
  });

  it("refuses a bare ServerApp, which has no route table", async () => {
    const result = await cli(["routes", "fixtures/bare.ts"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'typhoon: "fixtures/bare.ts:default" is not a Typhoon app (no build()): got a function\n',
    );
  });

  it("reports an app whose routes cannot be planned", async () => {
    const result = await cli(["routes", "fixtures/app.ts:invalid"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^typhoon: The app's routes are invalid: /);
  });
});

describe("typhoon openapi", () => {
  it("prints the OpenAPI 3.1 document of a Typhoon app", async () => {
    const result = await cli(["openapi", "fixtures/app.ts"]);
    expect(result.code).toBe(0);
    const document = JSON.parse(result.stdout);
    expect(document.openapi).toBe("3.1.0");
    expect(document.info.title).toBe("CLI fixture");
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(["/", "/pid"]));
  });

  it("prints the document of any app-like object with openapi()", async () => {
    const result = await cli(["openapi", "fixtures/with-openapi.ts"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      openapi: "3.1.0",
      info: { title: "Fixture", version: "1.0.0" },
      paths: {},
    });
  });

  it("says clearly that it is not available otherwise, with exit code 2", async () => {
    const result = await cli(["openapi", "fixtures/app.ts:withoutOpenapi"]);
    expect(result).toMatchObject({ code: 2, stdout: "" });
    expect(result.stderr).toBe(
      'typhoon: the OpenAPI document is not available in this version of typhoon: "fixtures/app.ts:withoutOpenapi" has no openapi() method to build it from.\n',
    );
  });
});

describe("typhoon: loading the module", () => {
  it("reports a missing module file", async () => {
    const result = await cli(["run", "fixtures/missing.ts"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `typhoon: Cannot find module file "fixtures/missing.ts" (looked for ${path.join(here, "fixtures/missing.ts")})\n`,
    );
  });

  it("reports a missing export, listing the exports there are", async () => {
    const result = await cli(["run", "fixtures/app.ts:nope"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'typhoon: Module "fixtures/app.ts" has no export named "nope" (its exports: ',
    );
    expect(result.stderr).toContain(
      "(its exports: admin, app, empty, invalid, notAnApp, withoutOpenapi)",
    );
    expect(result.stderr).toContain("Pick one with fixtures/app.ts:<name>.");
  });

  it("reports a module with neither app nor default export", async () => {
    const result = await cli(["run", "fixtures/no-app.ts"]);
    expect(result.stderr).toBe(
      'typhoon: Module "fixtures/no-app.ts" has no export named "app" and no default export (its exports: helper). Pick one with fixtures/no-app.ts:<name>.\n',
    );
  });

  it("reports an export that is not an app", async () => {
    const result = await cli(["run", "fixtures/app.ts:notAnApp"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('"fixtures/app.ts:notAnApp" is not an app');
  });

  it("reports a module that throws while loading, with its stack", async () => {
    const result = await cli(["routes", "fixtures/broken.ts"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^typhoon: Error while importing "fixtures\/broken.ts":\nError: the fixture refuses to load\n\s+at /,
    );
  });
});

describe("typhoon run (options handed to run)", () => {
  it("serves the app export with the defaults and prints the docs URL", async () => {
    const { ctx, out } = context();
    expect(await main(["run", "fixtures/app.ts"], ctx)).toBe("running");
    expect(out.runs).toHaveLength(1);
    expect(out.runs[0]?.options).toEqual({
      host: "127.0.0.1",
      port: 8000,
      logLevel: "info",
      workers: 1,
    });
    expect(typeof out.runs[0]?.app).toBe("function");
    expect(out.stdout).toBe(
      "Serving fixtures/app.ts:app; API docs at http://127.0.0.1:8000/docs\n",
    );
  });

  it("serves a default-exported ServerApp as is, with HOST/PORT from the environment", async () => {
    const { ctx, out } = context({ HOST: "0.0.0.0", PORT: "9000" });
    await main(["run", "fixtures/bare.ts", "--workers", "3", "--root-path", "/api"], ctx);
    const bare = (await import("./fixtures/bare")).default;
    expect(out.runs[0]?.app).toBe(bare);
    expect(out.runs[0]?.options).toEqual({
      host: "0.0.0.0",
      port: 9000,
      logLevel: "info",
      workers: 3,
      rootPath: "/api",
    });
    expect(out.stdout).toBe(
      "Serving fixtures/bare.ts:default; API docs at http://localhost:9000/docs\n",
    );
  });

  it("stays quiet below info, and when the port is only known to the server", async () => {
    expect((await cli(["run", "fixtures/app.ts", "--log-level", "warn"])).stdout).toBe("");
    expect((await cli(["run", "fixtures/app.ts", "--port", "0"])).stdout).toBe("");
  });
});
