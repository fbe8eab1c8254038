/** Limits on one form body. Every one has a safe default; a limit crossed is a 413. */
export interface FormLimits {
  /** Bytes of one uploaded file. Default 10 MiB (the Node server's whole-body cap). */
  maxFileSize?: number;
  /** Uploaded files in one body. Default 10. */
  maxFiles?: number;
  /** Text fields in one body (urlencoded pairs or non-file parts). Default 1000. */
  maxFields?: number;
  /**
   * Bytes of one text field's value. Default 1 MiB (Starlette's `max_part_size`). An
   * urlencoded value is measured as sent, before percent-decoding.
   */
  maxFieldSize?: number;
  /** Bytes of one field name. Default 1 KiB. */
  maxFieldNameSize?: number;
  /** Multipart parts of any kind in one body. Default 1000. */
  maxParts?: number;
  /** Bytes of a file kept in memory; past it the file moves to a temporary file. Default 1 MiB. */
  spoolThreshold?: number;
}

/** How `parseForm` reads a body: its limits plus where temporary files go. */
export interface FormOptions extends FormLimits {
  /**
   * Directory under which each form that spills to disk creates its own private folder
   * (`mkdtemp`, files mode 0o600). Default `os.tmpdir()`.
   */
  tempDir?: string;
}

export type ResolvedFormLimits = Readonly<Required<FormLimits>>;

const MiB = 1024 * 1024;

export const DEFAULT_FORM_LIMITS: ResolvedFormLimits = Object.freeze({
  maxFileSize: 10 * MiB,
  maxFiles: 10,
  maxFields: 1000,
  maxFieldSize: MiB,
  maxFieldNameSize: 1024,
  maxParts: 1000,
  spoolThreshold: MiB,
});

const names = Object.keys(DEFAULT_FORM_LIMITS) as (keyof FormLimits)[];

/**
 * Fills the defaults and checks every number once, so a route plans its limits at startup and
 * a typo (`NaN`, a negative size) is a startup error rather than a form that accepts anything.
 */
export function resolveFormLimits(limits: FormLimits = {}): ResolvedFormLimits {
  const resolved = { ...DEFAULT_FORM_LIMITS };
  for (const name of names) {
    const value = limits[name];
    if (value === undefined) continue;
    // Infinity is allowed on purpose: it lifts a limit (and keeps every file in memory).
    if (!(Number.isInteger(value) || value === Number.POSITIVE_INFINITY) || value < 0) {
      throw new RangeError(`form limit ${name} must be a non-negative integer, got ${value}`);
    }
    resolved[name] = value;
  }
  return Object.freeze(resolved);
}
