import {
  compileField,
  compileModelFields,
  type ErrorItem,
  type FieldValidator,
  type ModelFields,
} from "@typhoon/validation";
import type { GenericSchema } from "valibot";
import type { FormData } from "../forms/form-data";
import { UploadFile } from "../forms/upload-file";
import type { FileOptions } from "../params/markers";
import type { RequestContext } from "./context";

// Readers of form fields and files, and the model reader that form, query, header and cookie
// models share. Everything here runs once per route at startup and returns the per-request
// reader: no closure is made per request.

/** Reads one declared input from a request, pushing its validation errors. */
export type Read = (ctx: RequestContext, errors: ErrorItem[]) => unknown;

/** Where a model's entries come from, and what it does with keys it does not declare. */
export interface ModelSource {
  /** The loc prefix: "query", "header", "cookie", or "body" for a form. */
  readonly location: string;
  /** Every pair the request sent there, in arrival order (headers by lowercase name). */
  readonly pairs: (ctx: RequestContext) => Iterable<readonly [string, unknown]>;
  /** The request key an entry reads (headers: `save_data` reads `save-data`); default its name. */
  readonly wireKey?: (name: string) => string;
  /** `v.strictObject`: an undeclared key is an `extra_forbidden` error (pydantic's forbid). */
  readonly forbidExtra: boolean;
}

/**
 * A model (one object schema, each entry its own parameter): every entry is read with the
 * reader `readerOf` gives for its request key, then the model's own checks run, only when no
 * entry failed (the entries' errors say more than the model's would). As FastAPI validates
 * the model against the dict of what came in, errors name entries by their names (not the
 * header spelling), a missing entry's `input` is that dict, and a strict model refuses the
 * keys it does not declare.
 */
export function modelReader(
  model: ModelFields,
  source: ModelSource,
  readerOf: (key: string, field: FieldValidator) => Read,
): Read {
  const wireKey = source.wireKey ?? ((name: string) => name);
  const fields = model.fields.map(({ name, field }) => ({
    name,
    wire: wireKey(name),
    field,
    read: readerOf(wireKey(name), field),
  }));
  const declared = new Set(fields.flatMap(({ name, wire }) => [name, wire]));
  const { location, forbidExtra } = source;

  /** FastAPI's dict of the received input: entries by name, then the undeclared keys. */
  const received = (ctx: RequestContext, value: Record<string, unknown>) => {
    const sent = grouped(source.pairs(ctx));
    const out: Record<string, unknown> = {};
    for (const { name, wire, field } of fields) {
      const all = sent.get(wire);
      if (all !== undefined) out[name] = field.multi ? all : all.at(-1);
      else if (value[name] !== undefined && value[name] !== null) out[name] = value[name];
    }
    for (const [key, all] of sent) if (!declared.has(key)) out[key] = one(all);
    return out;
  };

  return (ctx, errors) => {
    const before = errors.length;
    const value: Record<string, unknown> = {};
    for (const { name, read } of fields) {
      const item = read(ctx, errors);
      if (item !== undefined) value[name] = item;
    }
    if (forbidExtra) {
      for (const [key, all] of grouped(source.pairs(ctx))) {
        if (declared.has(key)) continue;
        errors.push({
          type: "extra_forbidden",
          loc: [location, key],
          msg: "Extra inputs are not permitted",
          input: one(all),
        });
      }
    }
    if (errors.length === before) return model.finish(value, errors);
    let input: Record<string, unknown> | undefined;
    for (let i = before; i < errors.length; i++) {
      const error = errors[i]!;
      if (error.type === "missing" && error.loc.length === 2 && error.loc[0] === location) {
        input ??= received(ctx, value);
        errors[i] = { ...error, input };
      }
    }
    return undefined;
  };
}

/** The values of each key, keys in the order they first came. */
function grouped(pairs: Iterable<readonly [string, unknown]>): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>();
  for (const [key, value] of pairs) {
    const all = out.get(key);
    if (all === undefined) out.set(key, [value]);
    else all.push(value);
  }
  return out;
}

/** One value as itself, several as their list (FastAPI's reading of an undeclared key). */
function one(all: readonly unknown[]): unknown {
  return all.length === 1 ? all[0] : all;
}

/** `v.strictObject(...)` (a pipe keeps its root's type): a model that forbids undeclared keys. */
export function isStrictModel(schema: GenericSchema): boolean {
  return schema.type === "strict_object";
}

const EMPTY: string[] = [];

/** The text values of a form field (files sent under the same name are not text). */
function texts(form: FormData | undefined, name: string): string[] {
  if (form === undefined) return EMPTY;
  const out: string[] = [];
  for (const value of form.getAll(name)) if (typeof value === "string") out.push(value);
  return out;
}

/** The text values sent under `name` through `field`: all of them if it takes many, else the last. */
function textReader(name: string, field: FieldValidator): Read {
  if (field.multi) {
    return (ctx, errors) => {
      const all = texts(ctx.form, name);
      return field(all.length ? all : undefined, errors);
    };
  }
  return (ctx, errors) => field(texts(ctx.form, name).at(-1), errors);
}

/**
 * One form field, coerced like a query parameter; an empty string counts as absent
 * (apps/reference/SPEC.md §1.8).
 */
export function formFieldReader(name: string, schema: GenericSchema): Read {
  return textReader(name, compileField(schema, { loc: ["body", name], emptyIsMissing: true }));
}

/** A form model (`Form(objectSchema)`): every entry its own field, then the model's checks. */
export function formModelReader(schema: GenericSchema): Read {
  return modelReader(
    compileModelFields(schema, { source: "body", emptyIsMissing: true }),
    { location: "body", pairs: formPairs, forbidExtra: isStrictModel(schema) },
    textReader,
  );
}

function formPairs(ctx: RequestContext): Iterable<readonly [string, unknown]> {
  return ctx.form ?? EMPTY_PAIRS;
}

const EMPTY_PAIRS: readonly (readonly [string, unknown])[] = [];

/** Readers whose value is a promise: the input resolver awaits them. */
export const ASYNC_READS = new WeakSet<Read>();

/** The content of an uploaded file (or of every file with `many`), as `File({ bytes: true })`. */
export function fileBytesReader(name: string, options: FileOptions): Read {
  const files = fileReader(name, options);
  const read: Read = (ctx, errors) => {
    const value = files(ctx, errors) as UploadFile | UploadFile[] | undefined;
    if (value === undefined) return undefined;
    return Array.isArray(value) ? Promise.all(value.map((file) => file.bytes())) : value.bytes();
  };
  ASYNC_READS.add(read);
  return read;
}

/** An uploaded file (or every file with `many`) sent under `name`. */
export function fileReader(name: string, options: FileOptions): Read {
  const required = options.required !== false;
  const loc = ["body", name];
  return (ctx, errors) => {
    const values = ctx.form?.getAll(name) ?? [];
    const files = values.filter((value): value is UploadFile => value instanceof UploadFile);
    if (files.length === 0) {
      if (!required) return options.many ? [] : undefined;
      const text = values.find((value) => typeof value === "string");
      errors.push(
        text === undefined
          ? { type: "missing", loc, msg: "Field required", input: null }
          : {
              type: "value_error",
              loc,
              msg: "Expected an uploaded file, received a text value",
              input: text,
            },
      );
      return undefined;
    }
    return options.many ? files : files.at(-1);
  };
}
