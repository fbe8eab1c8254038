import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { Depends, dependency, HTTPException, Path, Typhoon } from "../src/index";
import { TestClient } from "../src/testing/index";

const quiet = { info() {}, warn() {}, error() {} };

// FastAPI's dependencies/tutorial008b: code after `yield` catches the handler's error and
// raises an HTTPException, which is the answer.
class OwnerError extends Error {}

const items: Record<string, { description: string; owner: string }> = {
  plumbus: { description: "Freshly pickled plumbus", owner: "Morty" },
  "portal-gun": { description: "Gun to create portals", owner: "Rick" },
};

function ownerApp(scope: "request" | "function") {
  const cleanups: string[] = [];
  const getUsername = dependency(function* () {
    try {
      yield "Rick";
    } catch (error) {
      if (error instanceof OwnerError) {
        throw new HTTPException(400, `Owner error: ${error.message}`);
      }
      throw error;
    } finally {
      cleanups.push(scope);
    }
  });
  const app = new Typhoon({ logger: quiet });
  app.get(
    "/items/{item_id}",
    { params: { item_id: Path(v.string()), username: Depends(getUsername, { scope }) } },
    ({ item_id, username }) => {
      const item = items[item_id];
      if (item === undefined) throw new HTTPException(404, "Item not found");
      if (item.owner !== username) throw new OwnerError(username);
      return item;
    },
  );
  return { client: new TestClient(app), cleanups };
}

describe("a yield dependency answers the handler's error", () => {
  for (const scope of ["request", "function"] as const) {
    it(`with the HTTPException it raises (${scope} scope)`, async () => {
      const { client, cleanups } = ownerApp(scope);
      const refused = await client.get("/items/plumbus");
      expect([refused.status, refused.json()]).toEqual([400, { detail: "Owner error: Rick" }]);
      const ok = await client.get("/items/portal-gun");
      expect([ok.status, ok.json()]).toEqual([200, items["portal-gun"]]);
      const missing = await client.get("/items/nonexistent");
      expect([missing.status, missing.json()]).toEqual([404, { detail: "Item not found" }]);
      expect(cleanups).toEqual([scope, scope, scope]);
    });
  }
});
