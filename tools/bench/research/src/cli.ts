// `pnpm --filter @typhoon-tooling/bench research <study> [options]`: one study, its table on
// stdout and in bench-results/. The bench's own servers come from the bench's build.
import { autocannonGenerator } from "../../src/load/autocannon";
import { wrkGenerator } from "../../src/load/wrk";
import { type CliOptions, USAGE } from "../../src/options";
import { writeResults } from "../../src/output";
import { describeTools, detectTools } from "../../src/process/tools";
import { runMemory } from "./memory";
import { parseResearchCli, RESEARCH_USAGE, type Study } from "./options";
import { runProfile } from "./profile";
import { runRouterLookup } from "./router-lookup";
import { runStartup } from "./startup";
import { runTransport } from "./transport";
import { runWorkers } from "./workers";

const log = (line: string) => process.stderr.write(`[research] ${line}\n`);

async function main(): Promise<number> {
  let options: CliOptions<Study>;
  try {
    options = parseResearchCli(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${RESEARCH_USAGE}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${RESEARCH_USAGE}\n\n${USAGE}\n`);
    return 0;
  }
  const detected = detectTools();
  const tools = options.autocannon ? { ...detected, wrk: false } : detected;
  for (const line of describeTools(tools, options.autocannon)) log(line);
  const load = tools.wrk ? wrkGenerator(tools) : autocannonGenerator(tools);
  const context = { tools, load, quick: options.quick, log };
  const section = await (() => {
    switch (options.command) {
      case "startup":
        return runStartup(context);
      case "router":
        return runRouterLookup(context);
      case "memory":
        return runMemory(context);
      case "workers":
        return runWorkers(context);
      case "profile":
        return runProfile(context, options.compare.routes, options.profileServers);
      case "transport":
        return runTransport(context, options.compare);
    }
  })();
  process.stdout.write(`\n${section.markdown}\n`);
  log(`results written to ${writeResults([section])}`);
  return 0;
}

// Ctrl-C: exit through process.exit so the "exit" hook kills every spawned server.
process.once("SIGINT", () => process.exit(130));
process.once("SIGTERM", () => process.exit(143));

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `research failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  },
);
