import { APIRouter, Depends, HTTPException } from "typhoon";
import * as v from "valibot";
import { SessionDep } from "../db/session";
import { getSettings } from "../settings";
import { currentUser } from "../users/security";
import { countStats } from "./stats";
import { fetchJson, UpstreamError } from "./upstream";

export const dashboardRouter = new APIRouter({ tags: ["dashboard"] });

const Dashboard = v.object({
  stats: v.object({ users: v.number(), posts: v.number(), published: v.number() }),
  services: v.record(v.string(), v.unknown()),
});

dashboardRouter.get(
  "/dashboard",
  {
    params: {
      user: Depends(currentUser),
      session: SessionDep,
      settings: Depends(getSettings),
    },
    response: Dashboard,
    summary: "The blog's numbers and the upstream services, fetched concurrently",
    responses: {
      502: { description: "An upstream service failed" },
      504: { description: "An upstream service did not answer in time" },
    },
  },
  async ({ session, settings }) => {
    const names = Object.keys(settings.upstreams);
    const limits = {
      timeoutMs: settings.upstream_timeout_ms,
      maxBytes: settings.upstream_max_bytes,
    };
    // Every upstream at once, each with its own deadline; the database in the meantime.
    const calls = Promise.allSettled(
      names.map((name) => fetchJson(name, settings.upstreams[name] as string, limits)),
    );
    const stats = await countStats(session.db);
    const results = await calls;
    const failures = results.flatMap((result) =>
      result.status === "rejected" ? [asUpstreamError(result.reason)] : [],
    );
    if (failures.length > 0) {
      // 504 when every failure is a timeout: the gateway waited, nobody answered.
      const status = failures.every((failure) => failure.kind === "timeout") ? 504 : 502;
      throw new HTTPException(
        status,
        `Upstream failure: ${failures.map((f) => f.message).join("; ")}`,
      );
    }
    const services: Record<string, unknown> = {};
    names.forEach((name, index) => {
      const result = results[index];
      if (result?.status === "fulfilled") services[name] = result.value;
    });
    return { stats, services };
  },
);

function asUpstreamError(reason: unknown): UpstreamError {
  if (reason instanceof UpstreamError) return reason;
  throw reason; // a bug, not an upstream's fault: let it be a 500
}
