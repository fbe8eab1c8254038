import { HTTPException } from "../http/exceptions";

/** Stable codes of every way a form body can be refused; tests and handlers match on these. */
export type FormErrorCode =
  | "FORM_MISSING_BOUNDARY"
  | "FORM_INVALID_BOUNDARY"
  | "FORM_MALFORMED"
  | "FORM_TRUNCATED"
  | "FORM_TOO_MANY_PARTS"
  | "FORM_TOO_MANY_FIELDS"
  | "FORM_TOO_MANY_FILES"
  | "FORM_FIELD_TOO_LARGE"
  | "FORM_FIELD_NAME_TOO_LARGE"
  | "FORM_FILE_TOO_LARGE";

/**
 * A form body that could not be parsed (400) or that crossed a limit (413). It is an
 * `HTTPException`, so a route that lets it escape answers `{"detail": detail}` with `status`.
 */
export class FormParseError extends HTTPException {
  readonly code: FormErrorCode;
  declare readonly detail: string;

  constructor(status: 400 | 413, code: FormErrorCode, detail: string) {
    super(status, detail);
    this.name = "FormParseError";
    this.code = code;
  }
}

export const malformed = (code: FormErrorCode, detail: string) =>
  new FormParseError(400, code, detail);

export const tooLarge = (code: FormErrorCode, detail: string) =>
  new FormParseError(413, code, detail);
