import { describe, expect, it } from "vitest";
import { UsageError } from "./errors";
import { MAX_WORKERS, parseCommandLine } from "./options";

function usageError(argv: string[], env: Record<string, string> = {}): UsageError {
  try {
    parseCommandLine(argv, env);
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error(`expected a UsageError for ${argv.join(" ")}`);
}

describe("parseCommandLine: run", () => {
  it("fills defaults", () => {
    expect(parseCommandLine(["run", "app.js"], {})).toEqual({
      command: "run",
      target: "app.js",
      server: { host: "127.0.0.1", port: 8000, logLevel: "info", rootPath: undefined },
      workers: 1,
      reload: false,
    });
  });

  it("reads every flag, in either position and with = syntax", () => {
    const argv = ["run", "--host", "0.0.0.0", "app.js:api", "--port=9000", "--workers", "4"];
    argv.push("--log-level", "warn", "--root-path", "/api");
    expect(parseCommandLine(argv, {})).toMatchObject({
      target: "app.js:api",
      server: { host: "0.0.0.0", port: 9000, logLevel: "warn", rootPath: "/api" },
      workers: 4,
    });
  });

  it("takes HOST and PORT from the environment, flags winning", () => {
    const env = { HOST: "10.0.0.1", PORT: "7000" };
    expect(parseCommandLine(["run", "a.js"], env)).toMatchObject({
      server: { host: "10.0.0.1", port: 7000 },
    });
    expect(parseCommandLine(["run", "a.js", "--port", "1"], env)).toMatchObject({
      server: { host: "10.0.0.1", port: 1 },
    });
    expect(parseCommandLine(["run", "a.js"], { HOST: "", PORT: "" })).toMatchObject({
      server: { host: "127.0.0.1", port: 8000 },
    });
  });

  it.each([
    [["run", "a.js", "--port", "x"], '--port must be an integer from 0 to 65535 (got "x")'],
    [["run", "a.js", "--port", "65536"], '--port must be an integer from 0 to 65535 (got "65536")'],
    [["run", "a.js", "--port", "-1"], "Option '--port' argument is ambiguous"],
    [["run", "a.js", "--port=-1"], '--port must be an integer from 0 to 65535 (got "-1")'],
    [
      ["run", "a.js", "--workers", "0"],
      `--workers must be an integer from 1 to ${MAX_WORKERS} (got "0")`,
    ],
    [
      ["run", "a.js", "--workers", "2.5"],
      `--workers must be an integer from 1 to ${MAX_WORKERS} (got "2.5")`,
    ],
    [
      ["run", "a.js", "--log-level", "loud"],
      '--log-level must be one of debug, info, warn, error, silent (got "loud")',
    ],
    [
      ["run", "a.js", "--root-path", "api/"],
      '--root-path must start with "/" and not end with "/" (got "api/")',
    ],
    [["run", "a.js", "--host", ""], "--host must not be empty"],
    [["run", "a.js", "--reload", "--workers", "2"], "--reload cannot be combined with --workers"],
    [["run"], "Missing <module>"],
    [["run", "a.js", "b.js"], 'Unexpected argument "b.js"'],
    [["run", "a.js", "--bogus"], "Unknown option --bogus"],
    [["run", "a.js", "--json"], "Unknown option --json"],
  ])("rejects %j: %s", (argv, message) => {
    const error = usageError(argv);
    expect(error.message).toContain(message);
    expect(error.command).toBe("run");
  });

  it("rejects a bad PORT environment variable by name", () => {
    expect(usageError(["run", "a.js"], { PORT: "http" }).message).toBe(
      'the PORT environment variable must be an integer from 0 to 65535 (got "http")',
    );
  });
});

describe("parseCommandLine: other commands", () => {
  it("parses dev with repeatable --watch", () => {
    expect(
      parseCommandLine(["dev", "src/app.ts", "--watch", "src", "--watch", "lib"], {}),
    ).toMatchObject({
      command: "dev",
      target: "src/app.ts",
      watch: ["src", "lib"],
      server: { port: 8000 },
    });
    expect(usageError(["dev"]).message).toBe("Missing <file>");
    expect(usageError(["dev", "a.ts", "--workers", "2"]).message).toBe("Unknown option --workers");
  });

  it("parses routes and openapi", () => {
    expect(parseCommandLine(["routes", "a.js", "--json"], {})).toEqual({
      command: "routes",
      target: "a.js",
      json: true,
    });
    expect(parseCommandLine(["routes", "a.js"], {})).toEqual({
      command: "routes",
      target: "a.js",
      json: false,
    });
    expect(parseCommandLine(["openapi", "a.js"], {})).toEqual({
      command: "openapi",
      target: "a.js",
    });
    expect(usageError(["openapi", "a.js", "--port", "1"]).command).toBe("openapi");
  });

  it("answers help and version", () => {
    expect(parseCommandLine(["--help"], {})).toEqual({ command: "help", topic: undefined });
    expect(parseCommandLine(["-h"], {})).toEqual({ command: "help", topic: undefined });
    expect(parseCommandLine(["help", "run"], {})).toEqual({ command: "help", topic: "run" });
    expect(parseCommandLine(["run", "--help"], {})).toEqual({ command: "help", topic: "run" });
    expect(parseCommandLine(["routes", "a.js", "-h"], {})).toEqual({
      command: "help",
      topic: "routes",
    });
    expect(parseCommandLine(["--version"], {})).toEqual({ command: "version" });
    expect(parseCommandLine(["-v"], {})).toEqual({ command: "version" });
  });

  it("rejects a missing or unknown command, and unknown global flags", () => {
    expect(usageError([]).message).toBe("Missing command");
    expect(usageError(["serve", "a.js"]).message).toBe('Unknown command "serve"');
    expect(usageError(["--port", "1"]).message).toBe("Unknown option --port");
    expect(usageError(["serve"]).command).toBeUndefined();
  });
});
