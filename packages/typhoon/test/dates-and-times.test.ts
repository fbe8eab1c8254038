import { datetime, time, timedelta } from "@typhoon/validation";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { Query, Typhoon } from "../src/index";
import { TestClient } from "../src/testing/index";

function makeApp() {
  const app = new Typhoon();
  app.get(
    "/slots",
    {
      params: { since: Query(datetime()), opens: Query(v.optional(time())) },
      response: v.object({ since: datetime(), opens: v.optional(time()), ttl: timedelta() }),
    },
    ({ since, opens }) => ({ since, opens, ttl: 5400 }),
  );
  return app;
}

describe("datetime(), time() and timedelta() through a route", () => {
  const client = new TestClient(makeApp());

  it("keeps the offset sent, writes durations as ISO 8601", async () => {
    const res = await client.get("/slots", {
      query: { since: "2024-03-01T09:30:00+02:00", opens: "08:00" },
    });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({
      since: "2024-03-01T09:30:00+02:00",
      opens: "08:00:00",
      ttl: "PT1H30M",
    });
  });

  it("answers pydantic's datetime errors", async () => {
    const res = await client.get("/slots", { query: { since: "next week!" } });
    expect(res.status).toBe(422);
    expect(res.json().detail).toEqual([
      {
        type: "datetime_from_date_parsing",
        loc: ["query", "since"],
        msg: "Input should be a valid datetime or date, invalid character in year",
        input: "next week!",
        ctx: { error: "invalid character in year" },
      },
    ]);
  });

  it("documents date-time, time and duration", async () => {
    const doc = (await client.get("/openapi.json")).json();
    const op = doc.paths["/slots"].get;
    expect(op.parameters.map((p: { schema: object }) => p.schema)).toEqual([
      expect.objectContaining({ type: "string", format: "date-time" }),
      expect.objectContaining({ type: "string", format: "time" }),
    ]);
    const schema = op.responses["200"].content["application/json"].schema;
    expect(schema.properties).toMatchObject({
      since: { type: "string", format: "date-time" },
      opens: { type: "string", format: "time" },
      ttl: { type: "string", format: "duration" },
    });
  });
});
