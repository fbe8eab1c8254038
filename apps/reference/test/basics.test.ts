import { TestClient } from "typhoon/testing";
import { describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { expectJson, quietLogger, referenceClient } from "./helpers";

describe("apps/reference/SPEC.md §1.4 startup", () => {
  it("reports the startup flag and the preloaded list once the app has started", async () => {
    const { app } = createApp({ logger: quietLogger() });
    await using client = await TestClient.start(app);
    expectJson(await client.get("/startup-state"), {
      startup_complete: true,
      preloaded: ["alpha", "beta", "gamma"],
    });
  });
});

describe("apps/reference/SPEC.md §2.1 state and basics", () => {
  const { client } = referenceClient();

  it("GET / describes the service", async () => {
    expectJson(await client.get("/"), { service: "conformance-reference", ok: true });
  });

  it("POST /__reset clears notes, restarts ids at 1 and empties the side channel", async () => {
    await client.post("/notes", { json: { title: "one" } });
    await client.post("/notes", { json: { title: "two" } });
    await client.get("/dep/yield", { query: { key: "reset-key" } });
    expect((await client.get("/sidechannel/reset-key")).json().events).not.toEqual([]);

    expectJson(await client.post("/__reset"), { reset: true });
    expectJson(await client.get("/notes"), []);
    expectJson(await client.get("/sidechannel/reset-key"), { key: "reset-key", events: [] });
    const created = await client.post("/notes", { json: { title: "again" } });
    expect(created.json().id).toBe(1);
  });

  it("GET /sidechannel/{key} answers [] for an unknown key", async () => {
    expectJson(await client.get("/sidechannel/never-used"), { key: "never-used", events: [] });
  });
});
