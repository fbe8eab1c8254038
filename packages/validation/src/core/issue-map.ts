import { joinExpected, msg, repr } from "../errors/messages";
import type { ErrorItem, SchemaView, ValibotIssue } from "../types";
import type { RunState } from "./state";

interface Mapped {
  type: string;
  msg: string;
  ctx?: Record<string, unknown>;
  /** The message already carries the action's own (a custom validator's ValueError). */
  ownMessage?: boolean;
}

/**
 * A custom validator's failure as pydantic reports a ValueError raised in a validator:
 * `Value error, <message>`, and the exception in `ctx.error` (FastAPI writes it `{}`).
 */
function valueError(message: string): Mapped {
  return {
    type: "value_error",
    msg: `Value error, ${message}`,
    ctx: { error: {} },
    ownMessage: true,
  };
}

const lengthOf = (input: unknown) =>
  Array.isArray(input) ? input.length : typeof input === "string" ? [...input].length : 0;

function lengthIssue(issue: ValibotIssue, tooShort: boolean, limit: unknown): Mapped {
  if (Array.isArray(issue.input)) {
    const actual = issue.input.length;
    return tooShort
      ? {
          type: "too_short",
          msg: msg.tooShort(limit, actual),
          ctx: { field_type: "List", min_length: limit, actual_length: actual },
        }
      : {
          type: "too_long",
          msg: msg.tooLong(limit, actual),
          ctx: { field_type: "List", max_length: limit, actual_length: actual },
        };
  }
  return tooShort
    ? { type: "string_too_short", msg: msg.stringTooShort(limit), ctx: { min_length: limit } }
    : { type: "string_too_long", msg: msg.stringTooLong(limit), ctx: { max_length: limit } };
}

function mapValidation(issue: ValibotIssue): Mapped | undefined {
  const req = issue.requirement;
  switch (issue.type) {
    case "min_length":
      return lengthIssue(issue, true, req);
    case "max_length":
      return lengthIssue(issue, false, req);
    case "length":
      return lengthIssue(issue, lengthOf(issue.input) < (req as number), req);
    case "non_empty":
      return lengthIssue(issue, true, 1);
    case "min_value":
      return { type: "greater_than_equal", msg: msg.greaterThanEqual(req), ctx: { ge: req } };
    case "max_value":
      return { type: "less_than_equal", msg: msg.lessThanEqual(req), ctx: { le: req } };
    case "gt_value":
      return { type: "greater_than", msg: msg.greaterThan(req), ctx: { gt: req } };
    case "lt_value":
      return { type: "less_than", msg: msg.lessThan(req), ctx: { lt: req } };
    case "multiple_of":
      return { type: "multiple_of", msg: msg.multipleOf(req), ctx: { multiple_of: req } };
    case "integer":
      return { type: "int_from_float", msg: msg.intFromFloat };
    case "safe_integer":
      return Number.isInteger(issue.input)
        ? { type: "int_parsing_size", msg: msg.intParsingSize }
        : { type: "int_from_float", msg: msg.intFromFloat };
    case "finite":
      return { type: "finite_number", msg: msg.finiteNumber };
    case "value": {
      const expected = repr(req);
      return { type: "literal_error", msg: msg.expected(expected), ctx: { expected } };
    }
    case "values": {
      const expected = joinExpected((req as unknown[]).map(repr));
      return { type: "literal_error", msg: msg.expected(expected), ctx: { expected } };
    }
    case "regex": {
      const pattern = (req as RegExp).source;
      return { type: "string_pattern_mismatch", msg: msg.pattern(pattern), ctx: { pattern } };
    }
    case "email":
    case "rfc_email": {
      const reason = "The email address is not valid.";
      return { type: "value_error", msg: `${msg.emailInvalid}: ${reason}`, ctx: { reason } };
    }
    case "uuid": {
      const reason = uuidReason(issue.input);
      return { type: "uuid_parsing", msg: msg.uuidParsing(reason), ctx: { error: reason } };
    }
    case "url": {
      const reason = "input is not a valid absolute URL";
      return { type: "url_parsing", msg: msg.urlParsing(reason), ctx: { error: reason } };
    }
    case "iso_date":
      return {
        type: "date_parsing",
        msg: msg.dateParsing("invalid format"),
        ctx: { error: "invalid format" },
      };
    case "iso_date_time":
    case "iso_date_time_second":
    case "iso_timestamp":
      return {
        type: "datetime_parsing",
        msg: msg.datetimeParsing("invalid format"),
        ctx: { error: "invalid format" },
      };
    case "check":
    case "raw_check":
    case "partial_check":
    case "check_items":
      return valueError(issue.message);
    default:
      return undefined;
  }
}

function uuidReason(input: unknown): string {
  if (typeof input === "string") {
    const bad = /[^0-9a-fA-F-]/.exec(input);
    if (bad) {
      return `invalid character: expected an optional prefix of \`urn:uuid:\` followed by [0-9a-fA-F-], found \`${bad[0]}\` at ${bad.index + 1}`;
    }
  }
  return "invalid group format, expected 8-4-4-4-12 hexadecimal digits";
}

function mapSchema(issue: ValibotIssue): Mapped | undefined {
  const last = issue.path?.[issue.path.length - 1];
  switch (issue.type) {
    case "string":
      return { type: "string_type", msg: msg.stringType };
    case "number":
      return { type: "float_type", msg: msg.floatType };
    case "bigint":
      return { type: "int_type", msg: msg.intType };
    case "boolean":
      return { type: "bool_type", msg: msg.boolType };
    case "date":
      return { type: "date_type", msg: msg.dateType };
    case "null":
      return { type: "none_required", msg: msg.noneRequired };
    case "custom":
      return valueError(issue.message);
    case "array":
      return { type: "list_type", msg: msg.listType };
    case "record":
      return { type: "dict_type", msg: msg.dictType };
    case "tuple":
    case "loose_tuple":
    case "strict_tuple":
    case "tuple_with_rest":
      return { type: "tuple_type", msg: msg.tupleType };
    case "non_optional":
    case "non_nullish":
      return issue.input === undefined ? { type: "missing", msg: msg.missing } : undefined;
    case "object":
    case "loose_object":
    case "strict_object":
    case "object_with_rest":
    case "variant":
      if (last?.origin === "key") {
        return issue.expected === "never"
          ? { type: "extra_forbidden", msg: msg.extraForbidden }
          : { type: "missing", msg: msg.missing };
      }
      return { type: "model_attributes_type", msg: msg.modelType };
    case "picklist":
    case "literal":
    case "enum": {
      // valibot writes `("a" | "b")`; pydantic writes `'a' or 'b'`.
      const parts = (issue.expected ?? "").replace(/^\((.*)\)$/, "$1").split(" | ");
      const expected = joinExpected(parts.map((part) => part.replace(/^"(.*)"$/, "'$1'")));
      return {
        type: issue.type === "enum" ? "enum" : "literal_error",
        msg: msg.expected(expected),
        ctx: { expected },
      };
    }
    default:
      return undefined;
  }
}

/**
 * Pushes a valibot issue as an error item. Mapped issue types get pydantic's code and wording;
 * a custom message on the schema/action (`message` argument) wins over the wording; anything
 * unmapped keeps valibot's type and message.
 */
export function pushIssue(
  st: RunState,
  issue: ValibotIssue,
  source?: SchemaView,
  raw?: { input: unknown },
): void {
  const loc = st.path.slice();
  let input = raw !== undefined && issue.path === undefined ? raw.input : issue.input;
  for (const item of issue.path ?? []) {
    const key = item.key;
    loc.push(typeof key === "number" || typeof key === "string" ? key : String(key));
  }
  const mapped = (issue.kind === "schema" ? mapSchema(issue) : mapValidation(issue)) ?? {
    type: issue.type,
    msg: issue.message,
  };
  const last = issue.path?.[issue.path.length - 1];
  // A record key's own failure: pydantic reports it below the key, at `[..., key, "[key]"]`.
  if (last?.origin === "key" && mapped.type !== "missing" && mapped.type !== "extra_forbidden") {
    loc.push("[key]");
  }
  // pydantic reports a missing key with the enclosing object as input.
  if (mapped.type === "missing" && last !== undefined) input = last.input;
  const item: ErrorItem = {
    type: mapped.type,
    loc,
    msg:
      source?.message !== undefined && issue.path === undefined && mapped.ownMessage !== true
        ? issue.message
        : mapped.msg,
    input: input === undefined && mapped.type === "missing" ? null : input,
  };
  if (mapped.ctx !== undefined) item.ctx = mapped.ctx;
  st.errors.push(item);
}
