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

/**
 * A model (one object schema, each entry its own parameter): every entry is read with the
 * reader `readerOf` gives for its request key, then the model's own checks run, only when no
 * entry failed (the entries' errors say more than the model's would).
 */
export function modelReader(
  model: ModelFields,
  readerOf: (key: string, field: FieldValidator) => Read,
): Read {
  const reads = model.fields.map(({ key, name, field }) => ({ name, read: readerOf(key, field) }));
  return (ctx, errors) => {
    const before = errors.length;
    const value: Record<string, unknown> = {};
    for (const { name, read } of reads) {
      const item = read(ctx, errors);
      if (item !== undefined) value[name] = item;
    }
    return errors.length > before ? undefined : model.finish(value, errors);
  };
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
    textReader,
  );
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
