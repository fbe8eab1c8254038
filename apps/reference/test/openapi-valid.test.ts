import { Validator } from "@seriousme/openapi-schema-validator";
import { expect, it } from "vitest";
import { referenceClient } from "./helpers";

it("serves an OpenAPI 3.1 document that an independent validator accepts", async () => {
  const doc = (await referenceClient().client.get("/openapi.json")).json();
  const result = await new Validator().validate(doc);
  expect(result.errors ?? []).toEqual([]);
  expect(result.valid).toBe(true);
});
