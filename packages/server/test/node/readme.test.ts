import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fetch from "node-fetch";
import { describe, expect, it } from "vitest";
import { startFixture } from "./child";

const here = path.dirname(fileURLToPath(import.meta.url));

describe("README", () => {
  it("shows the example that test/fixtures/readme-example.ts runs", () => {
    const readme = fs.readFileSync(path.join(here, "../../README.md"), "utf8");
    const example = fs
      .readFileSync(path.join(here, "../fixtures/readme-example.ts"), "utf8")
      .replace('"../../src/index"', '"@typhoon/server"');
    expect(readme).toContain(example.replace("Number(process.env.PORT ?? 8000)", "8000"));
  });

  it("the example serves, adds the middleware's header, and stops on SIGTERM", async () => {
    const fixture = startFixture("readme-example.ts", { PORT: "0" });
    const url = (await fixture.waitFor(/Listening on (http:\/\/\S+)/))[1]!;
    const res = await fetch(`${url}/items`);
    expect(res.headers.get("x-powered-by")).toBe("typhoon");
    expect(await res.text()).toBe("Hello, GET /items");
    fixture.child.kill("SIGTERM");
    expect((await fixture.exited).code).toBe(0);
  });
});
