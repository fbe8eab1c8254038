import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { compileBody } from "../body";
import { compileField } from "../fields";
import { toJsonSchema } from "../json-schema/to-json-schema";
import { compileResponse } from "../response";
import type { ErrorItem } from "../types";
import { Duration } from "./duration";
import { datetime, time, timedelta } from "./schemas";

type Outcome = { ok: true; value: unknown } | { ok: false; errors: ErrorItem[] };

const body = (schema: v.GenericSchema, input: unknown): Outcome => {
  const errors: ErrorItem[] = [];
  const value = compileBody(schema, { loc: ["body"] })(input, errors);
  return errors.length === 0 ? { ok: true, value } : { ok: false, errors };
};

describe("datetime()", () => {
  const Event = v.object({ at: datetime() });
  const parse = (at: unknown) => body(Event, { at });

  it.each([
    ["2032-04-23T10:20:30.400+02:30", "2032-04-23T10:20:30.400000+02:30"],
    ["2024-03-01T09:30:00Z", "2024-03-01T09:30:00Z"],
    ["2024-03-01T09:30:00+00:00", "2024-03-01T09:30:00Z"],
    ["2024-03-01T09:30:00-05:00", "2024-03-01T09:30:00-05:00"],
    ["2024-03-01 09:30", "2024-03-01T09:30:00"],
    ["2024-03-01", "2024-03-01T00:00:00"],
    ["2024-03-01T09:30:00.123456789", "2024-03-01T09:30:00.123456"],
    [new Date("2024-03-01T09:30:00Z"), "2024-03-01T09:30:00Z"],
    [new Date("2024-03-01T09:30:00.250Z"), "2024-03-01T09:30:00.250000Z"],
    [1_700_000_000, "2023-11-14T22:13:20Z"],
    [1_700_000_000_500, "2023-11-14T22:13:20.500000Z"],
  ])("%s → %s (the offset as sent, naive stays naive)", (input, expected) => {
    expect(parse(input)).toEqual({ ok: true, value: { at: expected } });
  });

  it("a naive value never moves with the server's zone", () => {
    const before = process.env.TZ;
    process.env.TZ = "America/New_York";
    try {
      expect(parse("2024-07-01T12:00:00")).toEqual({
        ok: true,
        value: { at: "2024-07-01T12:00:00" },
      });
    } finally {
      process.env.TZ = before;
    }
  });

  it("reports pydantic's datetime errors", () => {
    const errors = (at: unknown) => {
      const out = parse(at);
      return out.ok ? [] : out.errors;
    };
    expect(errors("not a date")).toEqual([
      {
        type: "datetime_from_date_parsing",
        loc: ["body", "at"],
        msg: "Input should be a valid datetime or date, invalid character in year",
        input: "not a date",
        ctx: { error: "invalid character in year" },
      },
    ]);
    expect(errors("2026-04-23T01:38:12.734433+00:00Z")[0]).toMatchObject({
      type: "datetime_from_date_parsing",
      msg: "Input should be a valid datetime or date, unexpected extra characters at the end of the input",
    });
    expect(errors("abc")[0]?.msg).toBe(
      "Input should be a valid datetime or date, input is too short",
    );
    expect(errors(true)[0]).toMatchObject({
      type: "datetime_type",
      msg: "Input should be a valid datetime",
    });
  });

  it("coerces query strings", () => {
    const field = compileField(datetime(), { loc: ["query", "since"] });
    const errors: ErrorItem[] = [];
    expect(field("2024-03-01T09:30:00+01:00", errors)).toBe("2024-03-01T09:30:00+01:00");
    field("yesterday", errors);
    expect(errors.map((e) => [e.type, e.loc])).toEqual([
      ["datetime_from_date_parsing", ["query", "since"]],
    ]);
  });

  it("is a valibot schema: v.parse runs it alike", () => {
    expect(v.parse(datetime(), "2024-03-01T09:30:00+00:00")).toBe("2024-03-01T09:30:00Z");
    const result = v.safeParse(datetime(), "nope");
    expect(result.success).toBe(false);
    expect(result.issues?.[0]?.message).toBe(
      "Input should be a valid datetime or date, input is too short",
    );
  });

  it("documents date-time", () => {
    expect(toJsonSchema(datetime(), { io: "output" })).toMatchObject({
      type: "string",
      format: "date-time",
    });
  });
});

describe("time()", () => {
  const parse = (input: unknown) => body(time(), input);
  it.each([
    ["09:30", "09:30:00"],
    ["09:30:15.5", "09:30:15.500000"],
    ["09:30:15+01:00", "09:30:15+01:00"],
    ["09:30:15Z", "09:30:15Z"],
    [3661.5, "01:01:01.500000"],
  ])("%s → %s", (input, expected) => {
    expect(parse(input)).toEqual({ ok: true, value: expected });
  });

  it("reports time errors", () => {
    const out = parse("25:00");
    expect(!out.ok && out.errors[0]).toMatchObject({
      type: "time_parsing",
      msg: "Input should be in a valid time format, hour value is outside expected range",
      ctx: { error: "hour value is outside expected range" },
    });
    const wrong = parse(true);
    expect(!wrong.ok && wrong.errors[0]?.type).toBe("time_type");
  });

  it("documents time", () => {
    expect(toJsonSchema(time(), { io: "input" })).toMatchObject({ type: "string", format: "time" });
  });
});

describe("timedelta()", () => {
  const parse = (input: unknown) => {
    const out = body(timedelta(), input);
    return out.ok ? (out.value as Duration).seconds : out.errors;
  };

  it.each([
    ["P1DT2H", 93_600],
    ["PT1.5S", 1.5],
    ["P3DT12H30M5S", 3 * 86_400 + 12 * 3600 + 30 * 60 + 5],
    ["-PT1H", -3600],
    ["P1W", 7 * 86_400],
    ["01:30:00", 5400],
    ["1 day, 02:00:00", 93_600],
    [90, 90],
    [0.25, 0.25],
    ["90", 90],
  ])("%s → %s seconds", (input, seconds) => {
    expect(parse(input)).toBe(seconds);
  });

  it("reports timedelta errors", () => {
    expect(parse("soon")).toMatchObject([
      {
        type: "time_delta_parsing",
        msg: "Input should be a valid timedelta, invalid digit in duration",
      },
    ]);
    expect(parse(true)).toMatchObject([
      { type: "time_delta_type", msg: "Input should be a valid timedelta" },
    ]);
  });

  it("writes ISO 8601 durations as pydantic does", () => {
    const iso = (seconds: number) => JSON.stringify(Duration.fromSeconds(seconds));
    expect(iso(93_600)).toBe('"P1DT2H"');
    expect(iso(0)).toBe('"PT0S"');
    expect(iso(1.5)).toBe('"PT1.5S"');
    expect(iso(-3600)).toBe('"-PT1H"');
    expect(iso(400 * 86_400 + 61)).toBe('"P1Y35DT1M1S"');
    const filter = compileResponse(v.object({ ttl: timedelta() }), { json: true });
    expect(filter({ ttl: 5400 })).toMatchObject({ ok: true, json: '{"ttl":"PT1H30M"}' });
  });

  it("documents duration", () => {
    expect(toJsonSchema(timedelta(), { io: "output" })).toMatchObject({
      type: "string",
      format: "duration",
    });
  });
});

describe("dates in responses", () => {
  it("a v.date() field is written as pydantic writes a UTC datetime", () => {
    const filter = compileResponse(v.object({ at: v.date(), maybe: v.nullable(v.date()) }), {
      json: true,
    });
    expect(
      filter({ at: new Date("2024-03-01T09:30:00Z"), maybe: new Date("2024-03-01T09:30:00.5Z") }),
    ).toMatchObject({
      json: '{"at":"2024-03-01T09:30:00Z","maybe":"2024-03-01T09:30:00.500000Z"}',
    });
  });

  it("a datetime() field keeps the offset the handler gave", () => {
    const filter = compileResponse(v.object({ at: datetime() }), { json: true });
    expect(filter({ at: "2024-03-01T09:30:00+02:00" })).toMatchObject({
      json: '{"at":"2024-03-01T09:30:00+02:00"}',
    });
    expect(filter({ at: new Date("2024-03-01T09:30:00Z") })).toMatchObject({
      json: '{"at":"2024-03-01T09:30:00Z"}',
    });
  });
});
