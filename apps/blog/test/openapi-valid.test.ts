import { Validator } from "@seriousme/openapi-schema-validator";
import { TestClient } from "typhoon/testing";
import { expect, it } from "vitest";
import { createApp } from "../src/app";
import { testSettings } from "./support/blog";

it("serves an OpenAPI 3.1 document that an independent validator accepts", async () => {
  const client = new TestClient(createApp({ settings: testSettings(), log: null }));
  const doc = (await client.get("/openapi.json")).json();
  const result = await new Validator().validate(doc);
  expect(result.errors ?? []).toEqual([]);
  expect(result.valid).toBe(true);
});
