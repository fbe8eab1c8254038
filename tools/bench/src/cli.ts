// `pnpm bench [command] [options]`: see USAGE in options.ts and the README.
import { compareMarkdown } from "./compare/report";
import { runCompare } from "./compare/run";
import { runInstructions } from "./instructions/instructions";
import { autocannonGenerator } from "./load/autocannon";
import { wrkGenerator } from "./load/wrk";
import { type CliOptions, type Command, parseCli, USAGE } from "./options";
import { type Section, writeResults } from "./output";
import { describeTools, detectTools, type Tools } from "./process/tools";

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const commandLine = () => `pnpm bench ${process.argv.slice(2).join(" ")}`.trim();

async function runCommand(command: Exclude<Command, "all">, options: CliOptions, tools: Tools) {
  const load = tools.wrk ? wrkGenerator(tools) : autocannonGenerator(tools);
  const context = { tools, load, quick: options.quick, log };
  switch (command) {
    case "compare": {
      const warnings = describeTools(tools, options.autocannon);
      const servers = options.compare.servers.filter(
        (name) => name !== "fastapi" || (tools.fastapi && !options.noFastapi),
      );
      const report = await runCompare({
        tools,
        load,
        config: { ...options.compare, servers },
        command: commandLine(),
        warnings,
        log,
      });
      return { name: command, markdown: compareMarkdown(report), data: report };
    }
    case "instructions":
      return runInstructions(context, options.instructions, commandLine());
  }
}

async function main(): Promise<number> {
  let options: CliOptions;
  try {
    options = parseCli(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const detected = detectTools();
  // --autocannon: behave as if wrk were missing, but say why.
  const tools = options.autocannon ? { ...detected, wrk: false } : detected;
  for (const line of describeTools(tools, options.autocannon)) log(line);
  const commands =
    options.command === "all" ? (["compare", "instructions"] as const) : [options.command];
  const sections: Section[] = [];
  for (const command of commands) {
    log(`--- ${command}`);
    const section = await runCommand(command, options, tools);
    process.stdout.write(`\n${section.markdown}\n`);
    sections.push(section);
  }
  log(`results written to ${writeResults(sections)}`);
  return 0;
}

// Ctrl-C: exit through process.exit so the "exit" hook kills every spawned server.
process.once("SIGINT", () => process.exit(130));
process.once("SIGTERM", () => process.exit(143));

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `bench failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  },
);
