import { compileField, compileModelFields, type ErrorItem } from "@typhoon/validation";
import type { GenericSchema } from "valibot";
import type { FormData } from "../forms/form-data";
import { UploadFile } from "../forms/upload-file";
import type { FileOptions } from "../params/markers";
import type { RequestContext } from "./context";

type Read = (ctx: RequestContext, errors: ErrorItem[]) => unknown;

const EMPTY: string[] = [];

/** The text values of a form field (files sent under the same name are not text). */
function texts(form: FormData | undefined, name: string): string[] {
  if (form === undefined) return EMPTY;
  const out: string[] = [];
  for (const value of form.getAll(name)) if (typeof value === "string") out.push(value);
  return out;
}

/** One form field, coerced like a query parameter; an empty string counts as absent (SPEC §1.8). */
export function formFieldReader(name: string, schema: GenericSchema): Read {
  const field = compileField(schema, { loc: ["body", name], emptyIsMissing: true });
  if (field.multi) {
    return (ctx, errors) => {
      const all = texts(ctx.form, name);
      return field(all.length ? all : undefined, errors);
    };
  }
  return (ctx, errors) => field(texts(ctx.form, name).at(-1), errors);
}

/** A form model (`Form(objectSchema)`): every entry its own field, then the model's checks. */
export function formModelReader(schema: GenericSchema): Read {
  const model = compileModelFields(schema, { source: "body", emptyIsMissing: true });
  const reads = model.fields.map(({ key, name, field }) => ({
    name,
    read: field.multi
      ? (ctx: RequestContext, errors: ErrorItem[]) => {
          const all = texts(ctx.form, key);
          return field(all.length ? all : undefined, errors);
        }
      : (ctx: RequestContext, errors: ErrorItem[]) => field(texts(ctx.form, key).at(-1), errors),
  }));
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
