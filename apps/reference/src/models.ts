import * as v from "valibot";
import { pythonRound } from "./python";
import { float, int, str } from "./schemas";

// The JSON models of apps/reference/SPEC.md §2.5, shared by the body routes.

export const Dimensions = v.object({
  width: int({ gt: 0 }),
  height: int({ gt: 0 }),
  unit: v.optional(v.picklist(["cm", "inch"]), "cm"),
});

export const Item = v.object({
  name: str({ min: 1, max: 40 }),
  price: float({ gt: 0, le: 1_000_000 }),
  tax: v.optional(v.nullable(float({ ge: 0 })), null),
  tags: v.optional(v.array(v.string()), []),
  dimensions: v.optional(v.nullable(Dimensions), null),
});

export type ItemData = v.InferOutput<typeof Item>;

/** The item with every field (defaults filled in) plus `price_with_tax`. */
export function itemSummary(item: ItemData) {
  return {
    name: item.name,
    price: item.price,
    tax: item.tax,
    tags: item.tags,
    dimensions: item.dimensions,
    price_with_tax: pythonRound(item.price + (item.tax ?? 0), 2),
  };
}
