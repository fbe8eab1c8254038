import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { packageRoot } from "./paths";
import { PYTHON, type Tools } from "./process/tools";

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  kernel: string;
  node: string;
  /** Load average when the run started: a busy shared machine shows here. */
  loadAverage: number[];
  loadGenerator: string;
  versions: Record<string, string>;
}

function cpuModel(): string {
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"));
    return match?.[1]?.trim() ?? "unknown";
  } catch {
    return os.cpus()[0]?.model ?? "unknown";
  }
}

/** Read from the bench's own node_modules: some packages do not export their package.json. */
function packageVersion(name: string): string {
  try {
    const manifest = path.join(packageRoot(), "node_modules", name, "package.json");
    return (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version;
  } catch {
    return "?";
  }
}

function commandOutput(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: "utf8", timeout: 15_000 });
  return `${result.stdout ?? ""}${result.stderr ?? ""}`.trim();
}

export function describeMachine(tools: Tools): MachineInfo {
  const versions: Record<string, string> = {};
  for (const name of [
    "fastify",
    "hono",
    "@hono/node-server",
    "express",
    "valibot",
    "find-my-way",
  ]) {
    versions[name] = packageVersion(name);
  }
  versions.typhoon = packageVersion("typhoon");
  if (tools.fastapi) {
    versions.fastapi = commandOutput(PYTHON, [
      "-c",
      "import fastapi, uvicorn, pydantic; print(f'{fastapi.__version__} (uvicorn {uvicorn.__version__}, pydantic {pydantic.VERSION})')",
    ]);
  }
  // "wrk debian/4.1.0-3+b2 [epoll] Copyright ..." → "wrk debian/4.1.0-3+b2"
  const wrkVersion = tools.wrk ? commandOutput("wrk", ["-v"]).split(" [")[0]! : "";
  return {
    cpus: os.availableParallelism(),
    cpuModel: cpuModel(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
    loadAverage: os.loadavg().map((value) => Math.round(value * 100) / 100),
    loadGenerator: tools.wrk ? wrkVersion : `autocannon ${packageVersion("autocannon")}`,
    versions,
  };
}

export function machineMarkdown(machine: MachineInfo): string {
  const versions = Object.entries(machine.versions)
    .map(([name, version]) => `${name} ${version}`)
    .join(", ");
  return [
    `- Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, ${machine.kernel}`,
    `- Node ${machine.node}; load generator: ${machine.loadGenerator}; load average at start: ${machine.loadAverage.join(" ")}`,
    `- Versions: ${versions}`,
  ].join("\n");
}
