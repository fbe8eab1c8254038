// The valibot schemas the Hono and Express servers share (Typhoon declares its own markers).
import * as v from "valibot";

/** Path strings are coerced by hand: digits only, then an integer >= 1. */
export const ItemParams = v.object({
  item_id: v.pipe(v.string(), v.digits(), v.transform(Number), v.integer(), v.minValue(1)),
});

export const ItemQuery = v.object({ q: v.optional(v.string()) });

export const ItemIn = v.object({
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(50)),
  price: v.pipe(v.number(), v.gtValue(0)),
  tags: v.optional(v.array(v.string())),
});

/** The response model: v.object drops unknown keys such as `internal_note`. */
export const ItemOut = v.object({
  id: v.number(),
  name: v.string(),
  price: v.number(),
  tags: v.array(v.string()),
});
