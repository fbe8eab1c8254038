import { HTTPException, Path, Query, Typhoon } from "typhoon";
import * as v from "valibot";

export const app = new Typhoon({
  title: "Hello Typhoon",
  version: "1.0.0",
  description: "FastAPI's first steps, in TypeScript.",
});

const Item = v.object({
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(50)),
  description: v.optional(v.nullable(v.string()), null),
  price: v.pipe(v.number(), v.gtValue(0)),
  tax: v.optional(v.nullable(v.number()), null),
});

app.get("/", () => ({ message: "Hello World" }));

app.get(
  "/items/{item_id}",
  {
    params: {
      item_id: Path(v.pipe(v.number(), v.integer(), v.minValue(1))),
      q: Query(v.optional(v.string())),
    },
  },
  ({ item_id, q }) => {
    if (item_id > 1000) throw new HTTPException(404, "Item not found");
    return { item_id, q: q ?? null };
  },
);

app.get(
  "/items",
  {
    params: {
      skip: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)), 0),
      limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100)), 10),
    },
  },
  ({ skip, limit }) => {
    const names = ["Foo", "Bar", "Baz"];
    return names.slice(skip, skip + limit).map((name) => ({ name }));
  },
);

app.post("/items", { params: { item: Item }, status: 201 }, ({ item }) => ({
  ...item,
  price_with_tax: item.tax === null ? item.price : item.price + item.tax,
}));
