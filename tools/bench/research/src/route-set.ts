// The 10,000-route table of the router micro-bench, and the paths looked up in it. Four
// shapes in turn, so both routers see statics, one and two parameters, and misses.

export const ROUTER_ROUTE_COUNT = 10_000;

export type LookupKind = "static" | "one param" | "two params" | "miss";

export interface RouteShape {
  /** `{name}` templates (Typhoon). */
  typhoon: string;
  /** `:name` templates (find-my-way). */
  fmw: string;
}

export function routeShapes(count = ROUTER_ROUTE_COUNT): RouteShape[] {
  const shapes: RouteShape[] = [];
  for (let i = 0; i < count; i++) {
    const kind = i % 4;
    if (kind === 0) shapes.push(both(`/s${i}/about`));
    else if (kind === 1) shapes.push(both(`/s${i}/items/{item_id}`));
    else if (kind === 2) shapes.push(both(`/s${i}/users/{user_id}/posts/{post_id}`));
    else shapes.push(both(`/s${i}/files/static/list`));
  }
  return shapes;
}

function both(template: string): RouteShape {
  return { typhoon: template, fmw: template.replace(/\{(\w+)\}/g, ":$1") };
}

/** `perKind` paths of each kind, spread over the whole table (deterministic). */
export function lookupPaths(
  perKind: number,
  count = ROUTER_ROUTE_COUNT,
): Record<LookupKind, string[]> {
  const out: Record<LookupKind, string[]> = {
    static: [],
    "one param": [],
    "two params": [],
    miss: [],
  };
  const stride = Math.max(1, Math.floor(count / 4 / perKind));
  for (let n = 0; n < perKind; n++) {
    const base = ((n * stride) % (count / 4)) * 4;
    out.static.push(n % 2 === 0 ? `/s${base}/about` : `/s${base + 3}/files/static/list`);
    out["one param"].push(`/s${base + 1}/items/${1000 + n}`);
    out["two params"].push(`/s${base + 2}/users/u${n}/posts/${n * 7}`);
    out.miss.push(`/s${base + 1}/nothing/${n}/here`);
  }
  return out;
}
