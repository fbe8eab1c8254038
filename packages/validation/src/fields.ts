import type { GenericSchema } from "valibot";
import { resolveAbsent } from "./core/absent";
import { compileNode } from "./core/compile";
import { absentPolicy, pipeRoot, unwrap, view } from "./core/introspect";
import type { Node } from "./core/node";
import { INVALID, StateSlot } from "./core/state";
import type { ErrorItem, Loc, Location, SchemaView } from "./types";

/** A single request field read from strings (path/query/header/cookie/form). */
export interface FieldValidator {
  /** True if the schema wants every repeated value (an array schema). */
  readonly multi: boolean;
  /** No default and not optional/nullish: absence is a `missing` error. */
  readonly required: boolean;
  /**
   * `raw`: undefined if absent; a string; or all values (string[]) when `multi` (a string[]
   * for a scalar field uses its LAST value). Returns the parsed value (defaults applied), or
   * undefined after pushing ≥1 error into `errors` (compare `errors.length` to tell an
   * invalid value from an absent optional one).
   */
  (raw: string | readonly string[] | undefined, errors: ErrorItem[]): unknown;
}

export interface FieldOptions {
  /** The error location, e.g. `["query", "q"]` or `["header", "x-token"]`. */
  loc: Loc;
  /** Forms: an empty string counts as absent (missing if required, else the default). */
  emptyIsMissing?: boolean;
}

/**
 * Compiles one request field: string coercion (apps/reference/SPEC.md §1.8) + validation,
 * planned once.
 */
export function compileField(schema: GenericSchema, options: FieldOptions): FieldValidator {
  const s = view(schema);
  const node = compileNode(s);
  const policy = absentPolicy(s);
  const multi = unwrap(s).type === "array";
  const emptyIsMissing = options.emptyIsMissing ?? false;
  const slot = new StateSlot(options.loc, { strings: true });

  const field = (raw: string | readonly string[] | undefined, errors: ErrorItem[]): unknown => {
    let input: unknown = raw;
    if (multi) {
      if (typeof raw === "string") input = raw === "" && emptyIsMissing ? undefined : [raw];
      else if (raw !== undefined && raw.length === 0) input = undefined;
    } else {
      if (raw !== undefined && typeof raw !== "string") input = raw[raw.length - 1];
      if (input === "" && emptyIsMissing) input = undefined;
    }
    const st = slot.acquire(errors);
    try {
      const out = input === undefined ? resolveAbsent(policy, node, st) : node(input, st);
      return out === INVALID ? undefined : out;
    } finally {
      slot.release(st);
    }
  };
  return Object.defineProperties(field, {
    multi: { value: multi, enumerable: true },
    required: { value: policy.kind === "required", enumerable: true },
  }) as FieldValidator;
}

export interface ModelFieldsOptions {
  /** The loc prefix of every field: `["query", key]`, `["header", key]` ... */
  source: Location;
  /** The request key of an entry (headers: `user_agent` → `user-agent`); defaults to the entry name. */
  keyOf?: (key: string) => string;
  /** Forms: an empty string counts as absent. */
  emptyIsMissing?: boolean;
}

export interface ModelFields {
  /** One validator per entry: `name` is the entry key, `key` the request key (and loc). */
  fields: Array<{ key: string; name: string; field: FieldValidator }>;
  /**
   * Runs the model's own pipe (e.g. a `v.check` across fields) on the object assembled from
   * the fields' results; errors at `[source]`. Returns the final value, or undefined after
   * pushing errors.
   */
  finish(value: object, errors: ErrorItem[]): unknown;
}

/** FastAPI's Query()/Header()/Cookie() model: one object schema, one request key per entry. */
export function compileModelFields(
  schema: GenericSchema,
  options: ModelFieldsOptions,
): ModelFields {
  const s = view(schema);
  const objectSchema = pipeRoot(s);
  if (objectSchema.entries === undefined) {
    throw new TypeError(`compileModelFields expects an object schema, got "${objectSchema.type}"`);
  }
  const entries = objectSchema.entries;
  const fields = Object.keys(entries).map((name) => {
    const key = options.keyOf ? options.keyOf(name) : name;
    const fieldOptions: FieldOptions = { loc: [options.source, key] };
    if (options.emptyIsMissing !== undefined) fieldOptions.emptyIsMissing = options.emptyIsMissing;
    return {
      key,
      name,
      field: compileField(entries[name] as unknown as GenericSchema, fieldOptions),
    };
  });
  const finishNode = modelPipe(s);
  const slot = new StateSlot([options.source]);
  return {
    fields,
    finish(value, errors) {
      if (finishNode === undefined) return value;
      const st = slot.acquire(errors);
      try {
        const out = finishNode(value, st);
        return out === INVALID ? undefined : out;
      } finally {
        slot.release(st);
      }
    },
  };
}

/** The model's pipe items after its object root, as a node over the already-validated object. */
function modelPipe(s: SchemaView): Node | undefined {
  const items = flattenPipe(s).slice(1);
  if (items.length === 0) return undefined;
  const passThrough = {
    ...pipeRoot(s),
    type: "any",
    pipe: undefined,
    entries: undefined,
    message: undefined,
  };
  return compileNode({ ...s, pipe: [passThrough, ...items] } as SchemaView);
}

function flattenPipe(s: SchemaView): SchemaView[] {
  if (s.pipe === undefined) return [s];
  const [root, ...rest] = s.pipe as SchemaView[];
  return [...flattenPipe(root as SchemaView), ...rest];
}
