import {
  APIRouter,
  BackgroundTasks,
  Cookie,
  Depends,
  dependency,
  HTTPException,
  Path,
  Query,
} from "typhoon";
import * as v from "valibot";
import { int, str } from "../schemas";
import type { ReferenceState } from "../state";

const FRUITS = [
  "apple",
  "banana",
  "cherry",
  "date",
  "elderberry",
  "fig",
  "grape",
  "honeydew",
] as const;

/**
 * The "class-based dependency" of apps/reference/SPEC.md §2.9: built from query parameters,
 * one per request.
 */
export class FruitPage {
  constructor(
    readonly page: number,
    readonly perPage: number,
  ) {}

  get fruits(): string[] {
    const start = (this.page - 1) * this.perPage;
    return FRUITS.slice(start, start + this.perPage);
  }
}

const commonParams = dependency(
  {
    q: Query(v.optional(v.nullable(v.string()), null)),
    skip: Query(v.optional(int({ ge: 0 }), 0)),
    limit: Query(v.optional(int({ ge: 1, le: 50 }), 10)),
  },
  ({ q, skip, limit }) => ({ q, skip, limit }),
);

const queryOnly = dependency({ q: Query(v.optional(v.nullable(v.string()), null)) }, ({ q }) => q);
const queryOrCookie = dependency(
  { q: Depends(queryOnly), last_query: Cookie(v.optional(v.nullable(v.string()), null)) },
  ({ q, last_query }) => {
    if (q) return { value: q, from: "query" };
    if (last_query) return { value: last_query, from: "cookie" };
    return { value: null, from: "none" };
  },
);

/** The request-local counter the caching routes count calls with (a fresh one per request). */
const callCounter = dependency(() => ({ calls: 0 }));
const counted = dependency({ counter: Depends(callCounter) }, ({ counter }) => ++counter.calls);
const viaA = dependency({ n: Depends(counted) }, ({ n }) => n);
const viaB = dependency({ n: Depends(counted) }, ({ n }) => n);

const fruitPage = dependency(
  {
    page: Query(v.optional(int({ ge: 1 }), 1)),
    per_page: Query(v.optional(int({ ge: 1, le: 5 }), 3)),
  },
  ({ page, per_page }) => new FruitPage(page, per_page),
);

/** A configurable callable dependency: `startsWith("con")`. */
function startsWith(prefix: string) {
  return dependency({ word: Query(v.string()) }, ({ word }) => word.startsWith(prefix));
}

const evenOnly = dependency({ n: Query(int()) }, ({ n }) => {
  if (n % 2 !== 0) throw new HTTPException(400, "n must be even", { "X-Parity": "odd" });
});

/** apps/reference/SPEC.md §2.9: dependencies. */
export function dependencyRoutes(state: ReferenceState): APIRouter {
  const router = new APIRouter();

  router.get("/dep/common", { params: { commons: Depends(commonParams) } }, ({ commons }) => ({
    source: "common",
    ...commons,
  }));

  router.get("/dep/sub", { params: { result: Depends(queryOrCookie) } }, ({ result }) => result);

  router.get(
    "/dep/cached",
    {
      params: {
        a: Depends(viaA),
        b: Depends(viaB),
        c: Depends(counted),
        counter: Depends(callCounter),
      },
    },
    ({ a, b, c, counter }) => ({ a, b, c, calls: counter.calls }),
  );

  router.get(
    "/dep/uncached",
    {
      params: {
        a: Depends(viaA),
        b: Depends(counted, { cache: false }),
        c: Depends(counted, { cache: false }),
        counter: Depends(callCounter),
      },
    },
    ({ a, b, c, counter }) => ({ a, b, c, calls: counter.calls }),
  );

  // Cleanup dependency: records open/close (and the error status) on the side channel.
  const tracked = dependency({ key: Query(str({ min: 1 })) }, async function* ({ key }) {
    state.record(key, "open");
    try {
      yield { key };
    } catch (error) {
      if (error instanceof HTTPException) state.record(key, `error:${error.status}`);
      throw error;
    } finally {
      state.record(key, "close");
    }
  });

  router.get(
    "/dep/yield",
    { params: { resource: Depends(tracked), fail: Query(v.optional(v.boolean(), false)) } },
    ({ resource, fail }) => {
      state.record(resource.key, "use");
      if (fail) throw new HTTPException(400, "Endpoint failed on purpose");
      return { key: resource.key, events_so_far: state.events(resource.key) };
    },
  );

  router.get("/dep/fruits", { params: { pager: Depends(fruitPage) } }, ({ pager }) => ({
    page: pager.page,
    per_page: pager.perPage,
    fruits: pager.fruits,
    total: FRUITS.length,
  }));

  router.get(
    "/dep/prefix",
    { params: { matches: Depends(startsWith("con")), word: Query(v.string()) } },
    ({ matches, word }) => ({ word, prefix: "con", matches }),
  );

  router.get(
    "/dep/even",
    { dependencies: [Depends(evenOnly)], params: { n: Query(int()) } },
    ({ n }) => ({ n, half: Math.floor(n / 2) }),
  );

  const notifyLater = dependency(
    { key: Query(v.string()), tasks: BackgroundTasks },
    ({ key, tasks }) => {
      tasks.add(() => state.record(key, "dependency-task"));
      return key;
    },
  );

  router.post(
    "/tasks/notify/{email}",
    {
      params: { email: Path(v.string()), key: Depends(notifyLater), tasks: BackgroundTasks },
      status: 202,
    },
    ({ email, key, tasks }) => {
      tasks.add(() => state.record(key, `notified:${email}`));
      return { queued: true, email };
    },
  );

  return router;
}
