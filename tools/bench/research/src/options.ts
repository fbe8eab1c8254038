import { type CliOptions, parseCli } from "../../src/options";

export const STUDIES = ["startup", "router", "memory", "workers", "profile", "transport"] as const;
export type Study = (typeof STUDIES)[number];

export const RESEARCH_USAGE = `Usage: pnpm --filter @typhoon-tooling/bench research <study> [options]

Studies (their conclusions: research/README.md):
  startup   Typhoon app with 1,000 routes: spawn → first response, and in-process build()
  router    10,000 routes: @typhoon/router match() vs find-my-way find(), ns per lookup
  memory    10,000 idle keep-alive connections: server RSS, Typhoon vs Fastify vs raw
  workers   Typhoon with workers: 2 vs one process on /hello (a sanity check on 2 cores)
  profile   Typhoon (or --servers) under node --cpu-prof per route (or --routes): self time
  transport GET /hello: raw node:http vs net.Server variants without its request/response
            objects (a parse-nothing floor, Node's llhttp): req/s and instructions/request

Options: those of pnpm bench (--quick, --rounds, --duration, --warmup, --connections,
--servers, --routes, --autocannon, --help).`;

/** The bench's own options, with a study as the command (there is no default study). */
export function parseResearchCli(argv: string[]): CliOptions<Study> {
  const options = parseCli<Study>(argv, STUDIES);
  if (!options.help && !argv.some((word) => (STUDIES as readonly string[]).includes(word))) {
    throw new Error(`name a study (one of ${STUDIES.join(", ")})`);
  }
  return options;
}
