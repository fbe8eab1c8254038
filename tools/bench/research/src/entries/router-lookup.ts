// In-process micro-bench: 10,000 routes in @typhoon/router and in find-my-way (Fastify's
// router), the same paths looked up in both, ns per lookup per kind of path. Prints JSON.
import { Router } from "@typhoon/router";
import FindMyWay from "find-my-way";
import { type LookupKind, lookupPaths, ROUTER_ROUTE_COUNT, routeShapes } from "../route-set";

const samples = Math.min(Math.max(Number(process.argv[2] ?? 9), 1), 50);
const targetMs = Math.min(Math.max(Number(process.argv[3] ?? 60), 5), 1_000);

const shapes = routeShapes();
let t0 = performance.now();
const typhoon = new Router<number>();
for (const [i, shape] of shapes.entries()) typhoon.add(["GET"], shape.typhoon, i);
const typhoonBuildMs = performance.now() - t0;
t0 = performance.now();
const fmw = FindMyWay();
const noop = () => {};
for (const [i, shape] of shapes.entries()) fmw.on("GET", shape.fmw, noop, { i });
const fmwBuildMs = performance.now() - t0;

const paths = lookupPaths(256);
// Results feed this sink so the JIT cannot drop the lookups as dead code.
let sink = 0;

const lookups = {
  typhoon: (list: string[], n: number) => {
    for (let i = 0; i < n; i++) if (typhoon.match("GET", list[i & 255]!).kind === "full") sink++;
  },
  "find-my-way": (list: string[], n: number) => {
    for (let i = 0; i < n; i++) if (fmw.find("GET", list[i & 255]!) !== null) sink++;
  },
};
type RouterName = keyof typeof lookups;

function nsPerLookup(router: RouterName, list: string[], n: number): number {
  const start = process.hrtime.bigint();
  lookups[router](list, n);
  return Number(process.hrtime.bigint() - start) / n;
}

// Calibrate: enough lookups that one measurement takes about targetMs.
const iterations: Record<string, number> = {};
for (const kind of Object.keys(paths) as LookupKind[]) {
  for (const router of Object.keys(lookups) as RouterName[]) {
    let n = 10_000;
    for (let tries = 0; tries < 20; tries++) {
      const ns = nsPerLookup(router, paths[kind], n);
      if ((ns * n) / 1e6 >= targetMs / 4) {
        n = Math.ceil((targetMs * 1e6) / ns);
        break;
      }
      n *= 4;
    }
    iterations[`${kind}/${router}`] = n;
  }
}

const results: Record<string, Record<RouterName, number[]>> = {};
for (let s = 0; s < samples; s++) {
  for (const kind of Object.keys(paths) as LookupKind[]) {
    results[kind] ??= { typhoon: [], "find-my-way": [] };
    // Alternate which router goes first, sample by sample.
    const order: RouterName[] =
      s % 2 === 0 ? ["typhoon", "find-my-way"] : ["find-my-way", "typhoon"];
    for (const router of order) {
      results[kind]![router].push(
        nsPerLookup(router, paths[kind], iterations[`${kind}/${router}`]!),
      );
    }
  }
}

console.log(
  JSON.stringify({
    routes: ROUTER_ROUTE_COUNT,
    samples,
    buildMs: { typhoon: typhoonBuildMs, "find-my-way": fmwBuildMs },
    nsPerLookup: results,
    sink,
  }),
);
