import type { MachineInfo } from "../machine";
import type { RouteId } from "../routes";
import type { ServerName } from "../servers/registry";
import type { Spread } from "./stats";

export interface CompareConfig {
  rounds: number;
  durationSec: number;
  warmupSec: number;
  /** Unmeasured load right before each measured run (0: none). */
  primeSec: number;
  connections: number;
  servers: ServerName[];
  routes: RouteId[];
  /** The bench folder of another built checkout, measured as the `baseline` server. */
  baselineDir?: string;
}

export interface Sample {
  round: number;
  requestsPerSec: number;
  p50: number;
  p99: number;
  /** Bytes; the server's VmHWM during this run alone (reset before it). */
  peakRss: number | null;
  non2xx: number;
  socketErrors: number;
}

export interface ServerRouteResult {
  server: ServerName;
  samples: Sample[];
  requestsPerSec: number;
  p50: number;
  p99: number;
  peakRss: number | null;
  /** Per-round requests/s ratio against Fastify and against raw node:http. */
  vsFastify: Spread | null;
  vsRaw: Spread | null;
}

export interface RouteResult {
  route: RouteId;
  title: string;
  servers: ServerRouteResult[];
  /** Per-round p99 ratio Typhoon/Fastify (below 1 is better). */
  typhoonP99VsFastify: Spread | null;
  typhoonVsFastapi: Spread | null;
  /** Per-round requests/s ratio of this build's Typhoon to the baseline build's. */
  typhoonVsBaseline: Spread | null;
}

export interface CompareReport {
  startedAt: string;
  finishedAt: string;
  /** 1/5/15-minute load average when the run ended (the start is in `machine`). */
  loadAverageAtEnd: number[];
  command: string;
  machine: MachineInfo;
  config: CompareConfig;
  warnings: string[];
  routes: RouteResult[];
}
