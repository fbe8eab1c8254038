import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkRequest, precheck } from "../src/precheck";
import { ROUTES } from "../src/routes";
import type { RunningServer } from "../src/scenario";
import { loadServer, NODE_SERVERS } from "../src/servers/registry";

// Every Node server of the benchmark must give the same answers before it may be measured.
describe.each(NODE_SERVERS)("%s server", (name) => {
  let server: RunningServer;
  let baseUrl: string;

  beforeAll(async () => {
    const start = await loadServer(name);
    server = await start({ host: "127.0.0.1", port: 0 });
    baseUrl = `http://127.0.0.1:${server.port}`;
  });
  afterAll(() => server?.close());

  it("passes the correctness pre-check on every route", async () => {
    expect(await precheck(baseUrl)).toEqual([]);
  });

  it("drops the internal field and counts ids up", async () => {
    const create = ROUTES.find((route) => route.id === "create")!.load;
    const first = await fetch(baseUrl + create.path, { ...create, method: "POST" });
    const second = await fetch(baseUrl + create.path, { ...create, method: "POST" });
    const a = (await first.json()) as Record<string, unknown>;
    const b = (await second.json()) as Record<string, unknown>;
    expect(a).not.toHaveProperty("internal_note");
    expect(b.id).toBe((a.id as number) + 1);
  });
});

describe("the pre-check itself", () => {
  let server: RunningServer;
  beforeAll(async () => {
    const start = await loadServer("raw");
    server = await start({ host: "127.0.0.1", port: 0 });
  });
  afterAll(() => server?.close());

  it("reports a wrong body and a wrong status", async () => {
    const hello = ROUTES[0]!.load;
    const url = `http://127.0.0.1:${server.port}`;
    expect(await checkRequest(url, { ...hello, check: () => "nope" })).toBe("hello: nope");
    expect(await checkRequest(url, { ...hello, path: "/nowhere" })).toMatch(/status 404/);
  });
});
