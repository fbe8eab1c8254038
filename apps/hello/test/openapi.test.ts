import { Validator } from "@seriousme/openapi-schema-validator";
import { TestClient } from "typhoon/testing";
import { expect, it } from "vitest";
import { app } from "../src/app";

it("serves an OpenAPI 3.1 document that an independent validator accepts", async () => {
  const doc = (await new TestClient(app).get("/openapi.json")).json();
  const result = await new Validator().validate(doc);
  expect(result.errors ?? []).toEqual([]);
  expect(result.valid).toBe(true);
  expect(Object.keys(doc.paths).sort()).toEqual(["/", "/items", "/items/{item_id}"]);
});
