import type { BaseIssue, BaseSchema } from "valibot";
import type { Dataset } from "../types";
import { type Coerced, coerceDateTime, coerceTime, coerceTimedelta } from "./coerce";
import type { Duration } from "./duration";

/** The issue a temporal schema reports when valibot itself runs it. */
export interface TemporalIssue extends BaseIssue<unknown> {
  readonly kind: "schema";
  readonly type: "datetime" | "time" | "timedelta";
  readonly expected: string;
}

/** A valibot schema whose coercion the compiled engine calls directly (`~coerce`). */
export interface TemporalSchema<TInput, TOutput>
  extends BaseSchema<TInput, TOutput, TemporalIssue> {
  readonly type: "datetime" | "time" | "timedelta";
  readonly "~coerce": (input: unknown, lax: boolean) => Coerced;
}

function temporalSchema<TInput, TOutput>(
  type: TemporalSchema<TInput, TOutput>["type"],
  expects: string,
  coerce: (input: unknown, lax: boolean) => Coerced,
  reference: (...args: never[]) => unknown,
): TemporalSchema<TInput, TOutput> {
  const schema = {
    kind: "schema",
    type,
    reference,
    expects,
    async: false,
    message: undefined,
    "~coerce": coerce,
    "~run"(dataset: Dataset) {
      const out = coerce(dataset.value, true);
      if (out.ok) {
        dataset.typed = true;
        dataset.value = out.value;
        return dataset;
      }
      const issue = {
        kind: "schema",
        type,
        input: dataset.value,
        expected: expects,
        received: typeof dataset.value,
        message: out.msg,
      };
      dataset.typed = false;
      dataset.issues = [...(dataset.issues ?? []), issue as never];
      return dataset;
    },
    get "~standard"() {
      return {
        version: 1,
        vendor: "typhoon",
        validate: (value: unknown) => schema["~run"]({ value }),
      };
    },
  };
  return schema as unknown as TemporalSchema<TInput, TOutput>;
}

/**
 * pydantic's `datetime` as an ISO 8601 string: the offset kept as sent (`Z` for UTC, as
 * pydantic writes it), a naive value left naive (never read in the server's zone), no
 * fraction unless there is one (then microseconds). Takes ISO strings, a date alone
 * (midnight), Unix times and Dates (their UTC instant). JSON Schema: `date-time`.
 */
export function datetime(): TemporalSchema<string | number | Date, string> {
  return temporalSchema("datetime", "datetime", coerceDateTime, datetime);
}

/** pydantic's `time` as `HH:MM:SS[.ffffff][Z|±HH:MM]`; also seconds since midnight. JSON Schema: `time`. */
export function time(): TemporalSchema<string | number, string> {
  return temporalSchema("time", "time", coerceTime, time);
}

/**
 * pydantic's `timedelta` as a {@link Duration}: from an ISO 8601 duration (`P1DT2H`), a clock
 * (`01:30:00`, `1 day, 02:00:00`) or a number of seconds; written to JSON as an ISO 8601
 * duration, as pydantic does. JSON Schema: `duration`.
 */
export function timedelta(): TemporalSchema<string | number | Duration, Duration> {
  return temporalSchema("timedelta", "timedelta", coerceTimedelta, timedelta);
}
