// The example of docs/responses.md, run by docs-example.test.ts.
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Typhoon } from "typhoon";
import {
  EventSourceResponse,
  FileResponse,
  StaticFiles,
  StreamingResponse,
} from "typhoon/responses";

/** Lines of text as they are produced. */
export function numbers() {
  async function* count() {
    for (let i = 1; i <= 3; i++) {
      yield `${i}\n`;
      await sleep(10);
    }
  }
  return new StreamingResponse(count(), { mediaType: "text/plain" });
}

/** A clock as server-sent events, until the client goes away. */
export function clock(cleanups: string[] = []) {
  async function* ticks() {
    try {
      for (let id = 1; ; id++) {
        yield { event: "tick", id, data: { at: new Date().toISOString() } };
        await sleep(50);
      }
    } finally {
      cleanups.push("clock stopped"); // runs when the client disconnects
    }
  }
  return new EventSourceResponse(ticks(), { ping: 15_000 });
}

export function makeApp(publicDir: string) {
  const app = new Typhoon();
  app.get("/numbers", numbers);
  app.get("/clock", () => clock());
  app.get(
    "/report",
    () => new FileResponse(join(publicDir, "report.csv"), { filename: "report-2024.csv" }),
  );
  app.mount("/static", new StaticFiles({ directory: publicDir, html: true }));
  return app;
}
