export {
  type Lifespan,
  LifespanError,
  type LifespanMode,
  type LifespanOptions,
  startLifespan,
} from "./lifespan/run";
export { consoleLogger, type Logger, type LogLevel } from "./logger";
export type * from "./types";
