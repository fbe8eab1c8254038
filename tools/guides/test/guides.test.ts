// Compiles and runs every code block of docs/*.md: the guides can never rot.

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { exchangeTitle, stepTitle } from "../src/describe-step";
import { type Guide, loadGuides, writeWorkspace } from "../src/guide";
import { brokenLinks } from "../src/links";
import type { Bindings } from "../src/placeholders";
import { killStragglers, processTarget } from "../src/process-target";
import { formatResponse, runExchange } from "../src/run-http";
import { runConversation } from "../src/run-websocket";
import { inProcessTarget, type Target } from "../src/target";
import { typecheck } from "../src/typecheck";

const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const REPO_ROOT = path.resolve(PACKAGE_ROOT, "../..");
const DOCS = path.join(REPO_ROOT, "docs");
// Inside this package, so "typhoon" and "valibot" resolve to the workspace's packages; one
// folder per run, so that two runs at once (the package's and the root's) never collide.
const WORKSPACE = path.join(PACKAGE_ROOT, ".guides-tmp", `run-${process.pid}`);

let guides: Guide[] = [];
let loadError: unknown;
try {
  guides = loadGuides(DOCS, REPO_ROOT);
  writeWorkspace(guides, WORKSPACE);
} catch (error) {
  loadError = error;
}

afterAll(() => {
  killStragglers();
  fs.rmSync(WORKSPACE, { recursive: true, force: true });
});

it("reads every guide", () => {
  if (loadError !== undefined) throw loadError;
  expect(guides.map((guide) => guide.source)).toContain("docs/README.md");
});

it("lists every guide in the index, and every relative link leads somewhere", () => {
  const index = fs.readFileSync(path.join(DOCS, "README.md"), "utf8");
  const unlisted = guides
    .map((guide) => path.basename(guide.source))
    .filter((name) => name !== "README.md" && !index.includes(`](${name})`));
  expect(unlisted).toEqual([]);
  const broken = guides.flatMap((guide) => {
    const file = path.join(REPO_ROOT, guide.source);
    return brokenLinks(fs.readFileSync(file, "utf8"), file).map(
      (link) => `${guide.source}:${link}`,
    );
  });
  expect(broken).toEqual([]);
});

it("typechecks every TypeScript block", () => {
  expect(typecheck(guides, WORKSPACE).join("\n")).toBe("");
}, 60_000);

for (const guide of guides) {
  if (guide.steps.length === 0) continue;
  describe(guide.source, () => {
    const folder = path.join(WORKSPACE, guide.slug);
    const bindings: Bindings = new Map();
    let target: Target | undefined;
    // The latest app, started (lifespan and all) only once a request needs it: an app that
    // only a test file uses is left to that test.
    let pending: { file: string; app: unknown } | undefined;
    const stop = async () => {
      const running = target;
      target = undefined;
      pending = undefined;
      await running?.close();
    };
    const current = async (): Promise<Target> => {
      if (pending !== undefined) {
        target = await inProcessTarget(pending.file, pending.app as never);
        pending = undefined;
      }
      if (target === undefined) {
        throw new Error("no app to send this to: add a ```ts block exporting `app` above");
      }
      return target;
    };

    guide.steps.forEach((step) => {
      const title = stepTitle(guide.source, step);
      if (step.kind === "module") {
        it(title, async () => {
          const module: Record<string, unknown> = await import(path.join(folder, step.file));
          if (module.app === undefined) return;
          await stop();
          pending = { file: step.file, app: module.app };
        });
      } else if (step.kind === "entry") {
        it(title, async () => {
          await stop();
          target = await processTarget(step.file, path.join(folder, step.file), folder);
        });
      } else if (step.kind === "test") {
        // Its describe() and it() calls register here, inside this guide's suite.
        describe(title, () => import(path.join(folder, step.file)));
      } else if (step.kind === "http") {
        for (const exchange of step.exchanges) {
          it(exchangeTitle(guide.source, step.line, exchange), async () => {
            const { problems, actual } = await runExchange(await current(), exchange, bindings);
            if (problems.length > 0) {
              throw new Error(
                `${problems.join("\n")}\n\nThe full response:\n${formatResponse(actual)}`,
              );
            }
          });
        }
      } else {
        it(title, async () => runConversation(await current(), step.steps, bindings));
      }
    });
    it("stops the app", stop);
  });
}
