export { type RunOptions, run } from "./cluster/run";
export type { WorkerRestartOptions } from "./cluster/supervisor";
export * from "./http/index";
export * from "./inprocess/index";
export {
  type Lifespan,
  LifespanError,
  type LifespanMode,
  type LifespanOptions,
  startLifespan,
} from "./lifespan/run";
export { consoleLogger, type Logger, type LogLevel } from "./logger";
export {
  DEFAULT_LIMITS,
  type ServeOptions,
  type ServerLimits,
  type TlsOptions,
} from "./node/options";
export { InvalidResponseError } from "./node/response-head";
export { type ServerHandle, serve } from "./node/serve";
export type * from "./types";
export * from "./websocket/index";
