import type { RouteId } from "../routes";
import type { Spread } from "./stats";
import type { RouteResult } from "./types";

/**
 * Typhoon's performance targets, checked on the median per-round ratios: `/hello` ≥ 0.90× raw
 * `node:http`; `/items/{id}`, `POST /items` and `/users/me` ≥ 1.05× Fastify with a p99 no
 * higher than Fastify's; the 404 ≥ 1.0× Fastify; every route ≥ 3× FastAPI.
 */
export interface TargetCheck {
  text: string;
  met: boolean;
}

const vs = (route: RouteResult, against: "vsFastify" | "vsRaw"): Spread | null =>
  route.servers.find((s) => s.server === "typhoon")?.[against] ?? null;

function atLeast(label: string, ratio: Spread | null, target: number): TargetCheck | null {
  if (ratio === null) return null;
  const met = ratio.median >= target;
  const gap = met ? "met" : `missed by ${((1 - ratio.median / target) * 100).toFixed(0)}%`;
  return { text: `${label} ≥ ${target.toFixed(2)}×: ${ratio.median.toFixed(2)}× (${gap})`, met };
}

function atMost(label: string, ratio: Spread | null, target: number): TargetCheck | null {
  if (ratio === null) return null;
  const met = ratio.median <= target;
  return {
    text: `${label} ≤ ${target.toFixed(2)}×: ${ratio.median.toFixed(2)}× (${met ? "met" : "missed"})`,
    met,
  };
}

const FASTIFY_ROUTES: readonly RouteId[] = ["item", "create", "me"];

export function checkTargets(route: RouteResult): TargetCheck[] {
  const checks: (TargetCheck | null)[] = [];
  if (route.route === "hello") checks.push(atLeast("Typhoon/raw req/s", vs(route, "vsRaw"), 0.9));
  if (FASTIFY_ROUTES.includes(route.route)) {
    checks.push(atLeast("Typhoon/Fastify req/s", vs(route, "vsFastify"), 1.05));
    checks.push(atMost("Typhoon/Fastify p99", route.typhoonP99VsFastify, 1.0));
  }
  if (route.route === "missing") {
    checks.push(atLeast("Typhoon/Fastify req/s", vs(route, "vsFastify"), 1.0));
  }
  checks.push(atLeast("Typhoon/FastAPI req/s", route.typhoonVsFastapi, 3));
  return checks.filter((check): check is TargetCheck => check !== null);
}
