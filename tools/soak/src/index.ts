/** What other packages' tests drive: a bounded soak run and the checks it reports with. */
export { type LevelOffOptions, type LevelOffVerdict, levelsOff } from "./memory";
export { checkLoopback, runSoak, type SoakOptions, type SoakReport } from "./runner";
export { percentile } from "./stats";
