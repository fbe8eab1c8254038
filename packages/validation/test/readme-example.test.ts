// The README's example, run as written.
import {
  compileBody,
  compileField,
  compileResponse,
  Duration,
  datetime,
  type ErrorItem,
  jsonableEncoder,
  named,
  parseJson,
  renderValidationErrors,
  time,
  timedelta,
  toJsonSchema,
} from "@typhoon/validation";
import * as v from "valibot";
import { expect, it } from "vitest";

it("README example", () => {
  const itemId = compileField(v.pipe(v.number(), v.integer(), v.minValue(1)), {
    loc: ["path", "item_id"],
  });
  const tags = compileField(v.optional(v.array(v.string()), []), { loc: ["query", "tag"] });
  const Item = v.object({ name: v.string(), price: v.pipe(v.number(), v.gtValue(0)) });
  const body = compileBody(Item, { loc: ["body"] });
  const response = compileResponse(v.object({ id: v.number(), name: v.string() }));

  const errors: ErrorItem[] = [];
  expect(itemId("42", errors)).toBe(42);
  expect(tags.multi).toBe(true);
  expect(tags(["a", "b"], errors)).toEqual(["a", "b"]);
  expect(body(parseJson('{"name": "Pen", "price": "-1"}', errors), errors)).toBeUndefined();
  const rendered = renderValidationErrors(errors, "fastapi", { instance: "/items/42" });
  expect(rendered.status).toBe(422);
  expect(rendered.body).toBe(
    '{"detail":[{"type":"greater_than","loc":["body","price"],"msg":"Input should be greater than 0","input":"-1","ctx":{"gt":0}}]}',
  );
  expect(response({ id: 42, name: "Pen", secret: "never sent" })).toEqual({
    ok: true,
    value: { id: 42, name: "Pen" },
  });

  const definitions = new Map<string, object>();
  expect(toJsonSchema(named("ReadmeItem", Item), { io: "input", definitions })).toEqual({
    $ref: "#/components/schemas/ReadmeItem",
  });
});

it("README: dates and times, jsonableEncoder", () => {
  const Event = v.object({ at: datetime(), opens: time(), ttl: timedelta() });
  const event = v.parse(Event, {
    at: "2032-04-23T10:20:30.400+02:30",
    opens: "09:30",
    ttl: "P3DT12H30M5S",
  });
  expect(event.at).toBe("2032-04-23T10:20:30.400000+02:30");
  expect(event.opens).toBe("09:30:00");
  expect(event.ttl).toBeInstanceOf(Duration);
  expect(event.ttl.seconds).toBe(304_205);
  expect(JSON.stringify(event.ttl)).toBe('"P3DT12H30M5S"');
  expect(
    jsonableEncoder({
      at: new Date("2024-03-01T09:30:00Z"),
      tags: new Set(["a"]),
      unset: undefined,
    }),
  ).toEqual({ at: "2024-03-01T09:30:00+00:00", tags: ["a"] });
});
