import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { httpStream } from "@typhoon/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { TestClient } from "../../src/testing/index";
import { clock, makeApp } from "./examples/streaming-app";
import { respond } from "./helpers";

let publicDir: string;
let client: TestClient;

beforeAll(async () => {
  publicDir = await mkdtemp(join(tmpdir(), "typhoon-docs-"));
  await writeFile(join(publicDir, "report.csv"), "month,total\njan,3\n");
  await writeFile(join(publicDir, "index.html"), "<h1>Welcome</h1>");
  await mkdir(join(publicDir, "css"));
  await writeFile(join(publicDir, "css", "app.css"), "h1 { color: teal }");
  client = new TestClient(makeApp(publicDir));
});
afterAll(() => rm(publicDir, { recursive: true, force: true }));

describe("docs/responses.md example", () => {
  it("streams /numbers", async () => {
    const res = await client.get("/numbers");
    expect(res.text).toBe("1\n2\n3\n");
  });

  it("downloads /report with its name", async () => {
    const res = await client.get("/report");
    expect(res.text).toBe("month,total\njan,3\n");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="report-2024.csv"');
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  });

  it("serves /static in HTML mode", async () => {
    expect((await client.get("/static/")).text).toBe("<h1>Welcome</h1>");
    expect((await client.get("/static/css/app.css")).headers.get("content-type")).toBe(
      "text/css; charset=utf-8",
    );
    expect((await client.get("/static/../report.csv")).status).toBe(404);
  });

  it("sends clock ticks until the client leaves", async () => {
    const cleanups: string[] = [];
    const res = await httpStream(
      respond(() => clock(cleanups)),
      { path: "/clock" },
    );
    let text = "";
    for await (const chunk of res.body) {
      text += new TextDecoder().decode(chunk);
      if (text.includes("id: 2\n")) break;
    }
    expect(text).toMatch(/^event: tick\nid: 1\ndata: \{"at":"[^"]+"\}\n\n/);
    await vi.waitFor(() => expect(cleanups).toEqual(["clock stopped"]));
  });
});
