import { Path, Query, Typhoon } from "typhoon";
import * as v from "valibot";

const quiet = { info() {}, warn() {}, error() {} };

export function typhoonWithRoutes(count: number): Typhoon {
  const app = new Typhoon({ logger: quiet });
  for (let i = 0; i < count; i++) {
    if (i % 2 === 0) {
      app.get(`/r${i}/status`, () => ({ ok: true, route: i }));
    } else {
      app.get(
        `/r${i}/items/{item_id}`,
        {
          params: {
            item_id: Path(v.pipe(v.number(), v.integer(), v.minValue(1))),
            q: Query(v.optional(v.string())),
          },
        },
        ({ item_id, q }) => ({ route: i, item_id, q: q ?? null }),
      );
    }
  }
  return app;
}
