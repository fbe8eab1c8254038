import { APIRouter, Path } from "typhoon";
import * as v from "valibot";
import type { ReferenceState } from "../state";

/** apps/reference/SPEC.md §2.1: state and basics. */
export function basicsRoutes(state: ReferenceState): APIRouter {
  const router = new APIRouter();

  router.get("/", () => ({ service: "conformance-reference", ok: true }));

  router.post("/__reset", { includeInSchema: false }, () => {
    state.reset();
    return { reset: true };
  });

  router.get("/startup-state", () => ({
    startup_complete: state.startupComplete,
    preloaded: state.preloaded,
  }));

  router.get("/sidechannel/{key}", { params: { key: Path(v.string()) } }, ({ key }) => ({
    key,
    events: state.events(key),
  }));

  return router;
}
