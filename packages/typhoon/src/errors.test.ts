import { describe, expect, it } from "vitest";
import { CliError, UsageError } from "./cli/errors";
import { isTyphoonError, TyphoonError, type TyphoonErrorCode } from "./errors";
import { FormParseError } from "./forms/errors";
import { HTTPException } from "./http/exceptions";
import { FileResponseError } from "./responses/file-response";
import { DotenvError } from "./settings/dotenv";
import { SettingsError } from "./settings/settings-error";
import { WebSocketDisconnect, WebSocketException } from "./websocket/websocket";

// One entry per code: a code added to the union without an example here fails typecheck.
const examples: Record<TyphoonErrorCode, () => TyphoonError> = {
  SETTINGS_INVALID: () =>
    new SettingsError([{ variable: "PORT", key: "port", type: "missing", message: "missing" }]),
  DOTENV_SYNTAX: () => new DotenvError("app.env", 3, "unterminated quote"),
  CLI_USAGE: () => new UsageError("unknown option --nope", "dev"),
  CLI_ERROR: () => new CliError("cannot find module ./main.ts", { exitCode: 1 }),
  FILE_UNAVAILABLE: () => new FileResponseError("/srv/missing.txt", "ENOENT"),
};

const names: Record<TyphoonErrorCode, string> = {
  SETTINGS_INVALID: "SettingsError",
  DOTENV_SYNTAX: "DotenvError",
  CLI_USAGE: "UsageError",
  CLI_ERROR: "CliError",
  FILE_UNAVAILABLE: "FileResponseError",
};

describe("the umbrella's error catalog", () => {
  for (const [code, make] of Object.entries(examples) as [TyphoonErrorCode, () => TyphoonError][]) {
    it(`${names[code]} is a TyphoonError with code ${code}`, () => {
      const error = make();
      expect(error).toBeInstanceOf(TyphoonError);
      expect(error).toBeInstanceOf(Error);
      expect(error.code).toBe(code);
      expect(error.name).toBe(names[code]);
      expect(isTyphoonError(error)).toBe(true);
    });
  }

  it("keeps each message naming the culprit", () => {
    expect(examples.SETTINGS_INVALID().message).toBe(
      "Invalid settings (1 problem):\n  PORT: missing",
    );
    expect(examples.DOTENV_SYNTAX().message).toBe("app.env:3: unterminated quote");
    expect(examples.FILE_UNAVAILABLE().message).toBe(
      'FileResponse cannot send "/srv/missing.txt": ENOENT',
    );
  });

  it("keeps a cause given to CliError and FileResponseError", () => {
    const cause = new Error("ENOENT");
    expect(new CliError("cannot load", { cause }).cause).toBe(cause);
    expect(new FileResponseError("/x", "ENOENT", { cause }).cause).toBe(cause);
  });

  it("names a direct TyphoonError after its class", () => {
    const error = new TyphoonError("CLI_ERROR", "boom");
    expect([error.name, error.code, error.message]).toEqual(["TyphoonError", "CLI_ERROR", "boom"]);
  });

  it("checks the class, never the name", () => {
    const impostor = Object.assign(new Error("fake"), {
      name: "SettingsError",
      code: "SETTINGS_INVALID",
    });
    expect(isTyphoonError(impostor)).toBe(false);
    expect(isTyphoonError({ name: "TyphoonError", code: "CLI_ERROR" })).toBe(false);
    expect(isTyphoonError(undefined)).toBe(false);
    expect(isTyphoonError("CLI_ERROR")).toBe(false);
  });

  it("leaves out answers and WebSocket control flow", () => {
    const form = new FormParseError(413, "FORM_FILE_TOO_LARGE", "file too large");
    expect(form).toBeInstanceOf(HTTPException);
    expect(form.code).toBe("FORM_FILE_TOO_LARGE");
    expect(isTyphoonError(form)).toBe(false);
    expect(isTyphoonError(new HTTPException(404))).toBe(false);
    // Their `code` is the numeric WebSocket close code, as in FastAPI.
    expect(isTyphoonError(new WebSocketDisconnect(1001))).toBe(false);
    expect(isTyphoonError(new WebSocketException(1008))).toBe(false);
  });
});
