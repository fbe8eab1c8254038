/**
 * Every error the umbrella throws as a bug or a misconfiguration carries one of these stable
 * codes; tests and callers branch on them, never on the message.
 *
 * - `SETTINGS_INVALID`: `loadSettings` found missing or invalid variables (`SettingsError`).
 * - `DOTENV_SYNTAX`: a `.env` file that cannot be parsed (`DotenvError`).
 * - `CLI_USAGE`: bad command-line input; the CLI prints the usage and exits 2 (`UsageError`).
 * - `CLI_ERROR`: a failure the CLI user can fix, such as a missing module (`CliError`).
 * - `FILE_UNAVAILABLE`: a `FileResponse` whose file is missing, unreadable or not a regular
 *   file (`FileResponseError`).
 *
 * Answers are not in this list: `HTTPException` and `FormParseError` (which carries a
 * `FormErrorCode`) become an HTTP response, and `WebSocketDisconnect` / `WebSocketException`
 * are the WebSocket's control flow, whose `code` is the numeric close code.
 */
export type TyphoonErrorCode =
  | "SETTINGS_INVALID"
  | "DOTENV_SYNTAX"
  | "CLI_USAGE"
  | "CLI_ERROR"
  | "FILE_UNAVAILABLE";

/** Base class of the umbrella's errors: a message that names the culprit, and a stable `code`. */
export class TyphoonError extends Error {
  readonly code: TyphoonErrorCode;

  constructor(code: TyphoonErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** True for any error thrown by this package (checks the class, never the name). */
export function isTyphoonError(value: unknown): value is TyphoonError {
  return value instanceof TyphoonError;
}
