// In-process: time to declare a 1,000-route Typhoon app and to plan it with build(), for
// several fresh apps in one process (the first pays for cold code). Prints one JSON line.
import { ROUTE_COUNT } from "../many-routes/constants";
import { typhoonWithRoutes } from "../many-routes/typhoon";

const apps = Math.min(Math.max(Number(process.argv[2] ?? 7), 1), 50);
const declareMs: number[] = [];
const buildMs: number[] = [];
for (let i = 0; i < apps; i++) {
  const t0 = performance.now();
  const app = typhoonWithRoutes(ROUTE_COUNT);
  const t1 = performance.now();
  app.build();
  const t2 = performance.now();
  declareMs.push(t1 - t0);
  buildMs.push(t2 - t1);
}
console.log(JSON.stringify({ routes: ROUTE_COUNT, declareMs, buildMs }));
