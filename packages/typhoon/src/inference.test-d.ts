import * as v from "valibot";
import { describe, expectTypeOf, it } from "vitest";
import {
  Body,
  Cookie,
  Depends,
  dependency,
  Header,
  Path,
  Query,
  Request,
  Response,
  Typhoon,
} from "./index";

const app = new Typhoon();

describe("handler argument inference", () => {
  it("infers markers, bare schemas, dependencies and injected objects", () => {
    const getDb = dependency(async function* () {
      yield { find: (id: number) => ({ id }) };
    });
    const user = dependency({ token: Header(v.string()) }, ({ token }) => ({ name: token }));
    app.get(
      "/items/{item_id}",
      {
        params: {
          item_id: Path(v.pipe(v.number(), v.integer())),
          q: Query(v.optional(v.string())),
          tags: v.optional(v.array(v.string()), []),
          session: Cookie(v.nullable(v.string())),
          db: Depends(getDb),
          me: Depends(user),
          request: Request,
          response: Response,
        },
      },
      (args) => {
        expectTypeOf(args.item_id).toEqualTypeOf<number>();
        expectTypeOf(args.q).toEqualTypeOf<string | undefined>();
        expectTypeOf(args.tags).toEqualTypeOf<string[]>();
        expectTypeOf(args.session).toEqualTypeOf<string | null>();
        expectTypeOf(args.db.find).toEqualTypeOf<(id: number) => { id: number }>();
        expectTypeOf(args.me).toEqualTypeOf<{ name: string }>();
        expectTypeOf(args.request).toEqualTypeOf<Request>();
        expectTypeOf(args.response).toEqualTypeOf<Response>();
        return null;
      },
    );
  });

  it("infers bodies", () => {
    const Item = v.object({ name: v.string(), price: v.number() });
    app.post("/items", { params: { item: Item, n: Body(v.number()) } }, ({ item, n }) => {
      expectTypeOf(item).toEqualTypeOf<{ name: string; price: number }>();
      expectTypeOf(n).toEqualTypeOf<number>();
      return item;
    });
  });

  it("checks handler results against the response schema", () => {
    const Out = v.object({ id: v.number() });
    app.get("/ok", { response: Out }, () => ({ id: 1 }));
    // @ts-expect-error the response schema wants an id
    app.get("/bad", { response: Out }, () => ({ name: "x" }));
  });
});

describe("path template checks", () => {
  it("rejects a Path() key that is not in the template", () => {
    app.get("/users/{user_id}", { params: { user_id: Path(v.string()) } }, () => null);
    // @ts-expect-error "id" is not a parameter of "/users/{user_id}"
    app.get("/users/{user_id}", { params: { id: Path(v.string()) } }, () => null);
  });
});
