import { formatDate } from "./temporal/format";
import type { SchemaView } from "./types";

/**
 * Writes a value that already passed the response filter as JSON. The filter's output has
 * the schema's shape (own plain objects with the declared keys in declaration order, arrays,
 * validated scalars), so each schema node knows what it will meet and skips what
 * `JSON.stringify` must discover per value. The text is exactly `JSON.stringify`'s, except
 * that a `v.date()` field is written as pydantic writes a UTC datetime (`...T09:30:00Z`, a
 * fraction only when there is one) rather than `toISOString()`'s `.000Z`; subtrees
 * whose shape is open (unions, records, dates, transforms, loose objects ...) go through
 * `JSON.stringify` itself.
 */
export type JsonWriter = (value: unknown) => string;

const hasOwn = Object.prototype.hasOwnProperty;

/** Characters `JSON.stringify` escapes in a string (surrogates: lone ones are escaped). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what JSON escapes
const NEEDS_ESCAPE = /[\u0000-\u001f"\\\ud800-\udfff]/;

const generic: JsonWriter = (value) => JSON.stringify(value);

function writeString(value: unknown): string {
  if (typeof value !== "string") return JSON.stringify(value);
  return NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`;
}

function writeNumber(value: unknown): string {
  if (typeof value !== "number") return JSON.stringify(value);
  // JSON has no Infinity (NaN never passes the filter): JSON.stringify writes null.
  return Number.isFinite(value) ? `${value}` : "null";
}

function writeDate(value: unknown): string {
  return value instanceof Date && !Number.isNaN(value.getTime())
    ? `"${formatDate(value)}"`
    : JSON.stringify(value);
}

function writeBoolean(value: unknown): string {
  return value === true ? "true" : value === false ? "false" : JSON.stringify(value);
}

/**
 * The writer for values of `schema` as the response filter outputs them; an undefined value
 * is written `null` (what `JSON.stringify(value) ?? "null"` gives).
 */
export function compileJsonWriter(schema: SchemaView): JsonWriter {
  const write = writerFor(schema, 0);
  return (value) => (value === undefined ? "null" : write(value));
}

/** Deeper schemas than this are written generically (bounds the compile recursion). */
const MAX_NESTING = 32;

function writerFor(s: SchemaView, depth: number): JsonWriter {
  // A fallback value is the app's own and may have any shape.
  if (depth > MAX_NESTING || s.fallback !== undefined) return generic;
  if (s.pipe !== undefined) return pipeWriter(s, depth);
  switch (s.type) {
    case "string":
      return writeString;
    case "number":
      return writeNumber;
    case "boolean":
      return writeBoolean;
    case "null":
      return () => "null";
    case "date":
      return writeDate;
    case "datetime":
    case "time":
      return writeString;
    case "object":
    case "strict_object":
      return objectWriter(s, depth);
    case "array":
      return arrayWriter(s, depth);
    case "optional":
    case "nullable":
    case "nullish":
    case "undefinedable":
    case "exact_optional":
    case "non_optional":
    case "non_nullable":
    case "non_nullish":
      return nullableWriter(s, depth);
    default:
      return generic;
  }
}

/** A pipe keeps its root's output type as long as it only validates (no transforms). */
function pipeWriter(s: SchemaView, depth: number): JsonWriter {
  const items = s.pipe ?? [];
  const root = items[0];
  if (root === undefined) return generic;
  for (let i = 1; i < items.length; i++) {
    const kind = items[i]!.kind;
    if (kind !== "validation" && kind !== "metadata") return generic;
  }
  return writerFor(root, depth + 1);
}

/** Wrappers may let null (or an undefined, skipped by the object) through. */
function nullableWriter(s: SchemaView, depth: number): JsonWriter {
  const inner = writerFor(s.wrapped as SchemaView, depth + 1);
  if (inner === generic) return generic;
  return (value) => (value === null || value === undefined ? "null" : inner(value));
}

/** JSON.stringify puts integer-like keys first; such objects are left to it. */
function isArrayIndex(key: string): boolean {
  const n = Number(key);
  return Number.isInteger(n) && n >= 0 && n < 2 ** 32 - 1 && String(n) === key;
}

function objectWriter(s: SchemaView, depth: number): JsonWriter {
  const entries = s.entries ?? {};
  const keys = Object.keys(entries);
  if (keys.some((key) => key === "__proto__" || isArrayIndex(key))) return generic;
  const fields = keys.map((key) => ({
    key,
    // `"key":`, and `,"key":` for every field after the first one written.
    first: `${JSON.stringify(key)}:`,
    next: `,${JSON.stringify(key)}:`,
    // Keys that name Object.prototype members are read as own properties only (as the filter sets them).
    ownOnly: key in Object.prototype,
    write: writerFor(entries[key] as SchemaView, depth + 1),
  }));
  const count = fields.length;
  return (value) => {
    if (value === null || typeof value !== "object") return JSON.stringify(value);
    const o = value as Record<string, unknown>;
    let out = "{";
    let written = false;
    for (let i = 0; i < count; i++) {
      const field = fields[i]!;
      const v = field.ownOnly
        ? hasOwn.call(o, field.key)
          ? o[field.key]
          : undefined
        : o[field.key];
      // JSON.stringify skips undefined (an absent optional key); the filter never outputs functions.
      if (v === undefined) continue;
      out += (written ? field.next : field.first) + field.write(v);
      written = true;
    }
    return `${out}}`;
  };
}

function arrayWriter(s: SchemaView, depth: number): JsonWriter {
  const write = writerFor(s.item as SchemaView, depth + 1);
  return (value) => {
    if (!Array.isArray(value)) return JSON.stringify(value);
    const length = value.length;
    if (length === 0) return "[]";
    let out = "[";
    for (let i = 0; i < length; i++) {
      const item = value[i];
      // JSON.stringify writes null for an undefined item.
      const text = item === undefined ? "null" : write(item);
      out += i === 0 ? text : `,${text}`;
    }
    return `${out}]`;
  };
}
