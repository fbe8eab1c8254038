// pydantic v2's error vocabulary (the `type` codes and `msg` wording modern FastAPI sends).
// One place, so wording stays consistent and tests can assert on codes.

const plural = (n: unknown, word: string) => `${word}${n === 1 ? "" : "s"}`;

/** Formats a constraint value the way pydantic prints it (dates as ISO strings). */
export function formatValue(value: unknown): string {
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString();
  if (typeof value === "string") return value;
  return String(value);
}

/** Python-like repr used in literal/enum messages: strings quoted, others as is. */
export function repr(value: unknown): string {
  return typeof value === "string" ? `'${value}'` : formatValue(value);
}

/** `'a'`, `'a' or 'b'`, `'a', 'b' or 'c'` (pydantic's list of expected values). */
export function joinExpected(values: readonly string[]): string {
  if (values.length <= 1) return values[0] ?? "";
  return `${values.slice(0, -1).join(", ")} or ${values[values.length - 1]}`;
}

export const msg = {
  missing: "Field required",
  intParsing: "Input should be a valid integer, unable to parse string as an integer",
  intFromFloat: "Input should be a valid integer, got a number with a fractional part",
  intType: "Input should be a valid integer",
  intParsingSize: "Unable to parse input string as an integer, exceeds maximum size",
  floatParsing: "Input should be a valid number, unable to parse string as a number",
  floatType: "Input should be a valid number",
  finiteNumber: "Input should be a finite number",
  boolParsing: "Input should be a valid boolean, unable to interpret input",
  boolType: "Input should be a valid boolean",
  stringType: "Input should be a valid string",
  modelType: "Input should be a valid dictionary or object to extract fields from",
  dictType: "Input should be a valid dictionary",
  listType: "Input should be a valid list",
  tupleType: "Input should be a valid tuple",
  dateType: "Input should be a valid date",
  noneRequired: "Input should be None",
  extraForbidden: "Extra inputs are not permitted",
  jsonInvalid: "JSON decode error",
  emailInvalid: "value is not a valid email address",
  stringTooShort: (n: unknown) => `String should have at least ${n} ${plural(n, "character")}`,
  stringTooLong: (n: unknown) => `String should have at most ${n} ${plural(n, "character")}`,
  tooShort: (n: unknown, actual: number) =>
    `List should have at least ${n} ${plural(n, "item")} after validation, not ${actual}`,
  tooLong: (n: unknown, actual: number) =>
    `List should have at most ${n} ${plural(n, "item")} after validation, not ${actual}`,
  pattern: (pattern: string) => `String should match pattern '${pattern}'`,
  greaterThan: (v: unknown) => `Input should be greater than ${formatValue(v)}`,
  greaterThanEqual: (v: unknown) => `Input should be greater than or equal to ${formatValue(v)}`,
  lessThan: (v: unknown) => `Input should be less than ${formatValue(v)}`,
  lessThanEqual: (v: unknown) => `Input should be less than or equal to ${formatValue(v)}`,
  multipleOf: (v: unknown) => `Input should be a multiple of ${formatValue(v)}`,
  expected: (expected: string) => `Input should be ${expected}`,
  dateParsing: (reason: string) =>
    `Input should be a valid date in the format YYYY-MM-DD, ${reason}`,
  dateOrDatetime: (reason: string) => `Input should be a valid date or datetime, ${reason}`,
  datetimeParsing: (reason: string) => `Input should be a valid datetime, ${reason}`,
  uuidParsing: (reason: string) => `Input should be a valid UUID, ${reason}`,
  urlParsing: (reason: string) => `Input should be a valid URL, ${reason}`,
  tagInvalid: (tag: string, discriminator: string, expected: string) =>
    `Input tag '${tag}' found using '${discriminator}' does not match any of the expected tags: ${expected}`,
  tagNotFound: (discriminator: string) =>
    `Unable to extract tag using discriminator '${discriminator}'`,
  tooDeep: "Recursion limit reached: the input is nested too deeply",
} as const;
