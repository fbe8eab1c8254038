// `pnpm --filter @typhoon-tooling/soak soak [--app app|blog] [--duration 300] [--max-requests 2000000]
//   [--concurrency 8] [--interval 10] [--url http://127.0.0.1:PORT --pid PID]`: runs a soak and
// prints the intervals and a summary; exits 1 if it failed (errors, memory growth, unclean stop).
import { parseArgs } from "node:util";
import { formatInterval, formatReport, INTERVAL_HEADER } from "./report";
import { runSoak } from "./runner";

const MAX_DURATION_S = 3_600;

const { values } = parseArgs({
  options: {
    app: { type: "string", default: "app" },
    duration: { type: "string", default: "300" },
    "max-requests": { type: "string", default: "2000000" },
    concurrency: { type: "string", default: "8" },
    interval: { type: "string", default: "10" },
    url: { type: "string" },
    pid: { type: "string" },
  },
});

function positive(name: string, text: string | undefined, max = Number.MAX_SAFE_INTEGER): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0 || value > max) {
    console.error(`--${name} must be a number in (0, ${max}], got ${text}`);
    process.exit(2);
  }
  return value;
}

function appOf(value: string | undefined): "app" | "blog" {
  if (value === "app" || value === "blog") return value;
  console.error(`--app must be "app" or "blog", got ${value}`);
  return process.exit(2);
}

const app = appOf(values.app);
const durationS = positive("duration", values.duration, MAX_DURATION_S);
const options = {
  app,
  durationMs: durationS * 1000,
  maxRequests: Math.floor(positive("max-requests", values["max-requests"], 50_000_000)),
  concurrency: Math.floor(positive("concurrency", values.concurrency, 256)),
  intervalMs: positive("interval", values.interval, MAX_DURATION_S) * 1000,
  ...(values.url === undefined
    ? {}
    : {
        target: {
          url: values.url,
          ...(values.pid === undefined ? {} : { pid: Number(values.pid) }),
        },
      }),
};

console.log(
  `soak: ${durationS} s, at most ${options.maxRequests} operations, ${options.concurrency} loops`,
);
console.log(INTERVAL_HEADER);
const report = await runSoak({
  ...options,
  onInterval: (stats) => console.log(formatInterval(stats)),
});
console.log(formatReport(report));
process.exit(report.passed ? 0 : 1);
