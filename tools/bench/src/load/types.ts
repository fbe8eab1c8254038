import type { BenchRequest } from "../routes";

export interface LoadOptions {
  port: number;
  request: BenchRequest;
  /** Seconds of load (whole seconds: wrk's unit). */
  durationSec: number;
  connections: number;
  /** CPU list the load generator is pinned to (default "1"). */
  cpus?: string;
}

/** One measurement: throughput and latency from the load generator's side. */
export interface LoadResult {
  requestsPerSec: number;
  requests: number;
  /** Milliseconds. */
  p50: number;
  p99: number;
  /** Responses that were not 2xx/3xx (expected for the 404 route only). */
  non2xx: number;
  /** Connect, read, write errors and timeouts. */
  socketErrors: number;
}

export type LoadGenerator = (options: LoadOptions) => Promise<LoadResult>;
