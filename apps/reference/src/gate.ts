import { dependency, Header, HTTPException } from "typhoon";
import * as v from "valibot";

/**
 * apps/reference/SPEC.md §1.3: every path operation first checks `X-Block`; `yes` refuses the
 * request.
 */
export const globalGate = dependency(
  { x_block: Header(v.optional(v.nullable(v.string()), null)) },
  ({ x_block }) => {
    if (x_block === "yes") throw new HTTPException(403, "Blocked by global gate");
  },
);
