import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { killStragglers, processTarget } from "./process-target";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "guides-entry-"));
afterAll(() => {
  killStragglers();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("processTarget", () => {
  it("serves requests from the process, then expects a clean exit on SIGTERM", async () => {
    const file = path.join(dir, "server.mjs");
    fs.writeFileSync(
      file,
      [
        'import http from "node:http";',
        "const server = http.createServer((req, res) => res.end([req.method, req.url, process.env.PORT].join(' ')));",
        "const listening = () => console.log('Listening on http://127.0.0.1:' + server.address().port);",
        "server.listen(0, process.env.HOST, listening);",
        'process.on("SIGTERM", () => server.close(() => process.exit(0)));',
      ].join("\n"),
    );
    const target = await processTarget("server.mjs", file, dir);
    const response = await target.request({
      method: "POST",
      target: "/x?y=1",
      headers: [],
      body: "hi",
    });
    expect(response.status).toBe(200);
    expect(new TextDecoder().decode(response.body)).toBe("POST /x?y=1 0");
    await target.close();
  });

  it("reports a process that dies before listening, with its output", async () => {
    const file = path.join(dir, "broken.mjs");
    fs.writeFileSync(file, 'console.error("no database"); process.exit(3);');
    await expect(processTarget("broken.mjs", file, dir)).rejects.toThrow(
      /broken\.mjs exited \(3\) before listening:\nno database/,
    );
  });

  it("reports a process that does not stop cleanly", async () => {
    const file = path.join(dir, "stubborn.mjs");
    fs.writeFileSync(
      file,
      [
        'import http from "node:http";',
        "const server = http.createServer((req, res) => res.end());",
        "const listening = () => console.log('Listening on http://127.0.0.1:' + server.address().port);",
        'server.listen(0, "127.0.0.1", listening);',
        'process.on("SIGTERM", () => process.exit(2));',
      ].join("\n"),
    );
    const target = await processTarget("stubborn.mjs", file, dir);
    await expect(target.close()).rejects.toThrow(/stubborn\.mjs exited with 2 after SIGTERM/);
  });
});
