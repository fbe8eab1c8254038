import { APIRouter, Body, Header, Path, Query } from "typhoon";
import * as v from "valibot";
import { Item, itemSummary } from "../models";
import { compareCodePoints, pythonRound } from "../python";
import { int, str } from "../schemas";
import { formatDate, formatDateTime, isoWeekday, Uuid } from "../temporal";

const Buyer = v.object({ username: v.string(), vip: v.optional(v.boolean(), false) });

/** apps/reference/SPEC.md §2.5: JSON bodies. */
export function bodyRoutes(): APIRouter {
  const router = new APIRouter();

  router.post("/items", { params: { item: Item }, status: 201 }, ({ item }) => itemSummary(item));

  router.put(
    "/items/{item_id}",
    {
      params: {
        item_id: Path(int({ ge: 1, le: 1000 })),
        notify: Query(v.optional(v.boolean(), false)),
        x_request_tag: Header(v.optional(v.nullable(v.string()), null)),
        item: Item,
      },
    },
    ({ item_id, notify, x_request_tag, item }) => ({
      item_id,
      notify,
      tag: x_request_tag,
      item: itemSummary(item),
    }),
  );

  router.post("/embedded", { params: { item: Body(Item, { embed: true }) } }, ({ item }) => ({
    name: item.name,
    price: item.price,
  }));

  router.post(
    "/orders",
    {
      params: {
        item: Item,
        buyer: Buyer,
        quantity: Body(int({ ge: 1, le: 99 })),
        note: Body(v.optional(v.nullable(str({ max: 20 })), null)),
      },
    },
    ({ item, buyer, quantity, note }) => {
      let total = pythonRound(item.price * quantity, 2);
      if (buyer.vip) total = pythonRound(total * 0.9, 2);
      return { item: item.name, buyer: buyer.username, quantity, note, total };
    },
  );

  router.post("/numbers/sum", { params: { numbers: Body(v.array(int())) } }, ({ numbers }) => ({
    count: numbers.length,
    sum: numbers.reduce((sum, n) => sum + n, 0),
  }));

  router.post(
    "/scores",
    { params: { scores: Body(v.record(v.string(), int())) } },
    ({ scores }) => {
      const players = Object.keys(scores).sort(compareCodePoints);
      let best: string | null = null;
      // Python's max() keeps the first of equal values, in the body's key order.
      for (const [player, score] of Object.entries(scores)) {
        if (best === null || score > scores[best]!) best = player;
      }
      return { players, best };
    },
  );

  router.post(
    "/events",
    {
      params: {
        event: v.object({
          title: v.string(),
          starts_at: v.date(),
          day: v.pipe(v.string(), v.isoDate()),
          ref: Uuid,
        }),
      },
    },
    ({ event }) => ({
      title: event.title,
      starts_at: formatDateTime(event.starts_at),
      day: formatDate(event.day),
      ref: event.ref,
      weekday: isoWeekday(event.day),
    }),
  );

  router.post(
    "/aliased",
    { params: { product: v.object({ itemName: v.string(), unitPrice: v.number() }) } },
    ({ product }) => ({ itemName: product.itemName, unitPrice: product.unitPrice }),
  );

  return router;
}
