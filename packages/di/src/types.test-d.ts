import { describe, expectTypeOf, it } from "vitest";
import { Depends, type DependsMarker, Security } from "./depends";
import { dependency, type Provider } from "./provider";
import { SecurityScopes } from "./security-scopes";
import type { InferParam, InferParams, Injectable, Unwrap } from "./types";

interface User {
  name: string;
}
interface Session {
  id: number;
}
/** A Standard-Schema-shaped object, like a valibot schema. */
type NumberFromString = { "~standard": { types?: { input: string; output: number } } };
/** An umbrella marker: the phantom output type through Injectable. */
interface QueryMarker<T> extends Injectable<T> {
  kind: "query";
}
declare function Query<T>(): QueryMarker<T>;

describe("Unwrap", () => {
  it("gives the resolved value or the yielded value", () => {
    expectTypeOf<Unwrap<User>>().toEqualTypeOf<User>();
    expectTypeOf<Unwrap<Promise<User>>>().toEqualTypeOf<User>();
    expectTypeOf<Unwrap<Generator<Session, void, unknown>>>().toEqualTypeOf<Session>();
    expectTypeOf<Unwrap<AsyncGenerator<Session, void, unknown>>>().toEqualTypeOf<Session>();
  });
});

describe("dependency() and Depends()", () => {
  it("infer the provided type from plain, async, generator and async-generator functions", () => {
    const plain = dependency(() => ({ name: "a" }) as User);
    const asyncFn = dependency(async () => ({ name: "a" }) as User);
    const gen = dependency(function* () {
      yield { id: 1 } as Session;
    });
    const asyncGen = dependency(async function* () {
      yield { id: 1 } as Session;
    });
    expectTypeOf(plain).toEqualTypeOf<Provider<User, {}>>();
    expectTypeOf(Depends(plain)).toEqualTypeOf<DependsMarker<User>>();
    expectTypeOf(Depends(asyncFn)).toEqualTypeOf<DependsMarker<User>>();
    expectTypeOf(Depends(gen)).toEqualTypeOf<DependsMarker<Session>>();
    expectTypeOf(Depends(asyncGen)).toEqualTypeOf<DependsMarker<Session>>();
    expectTypeOf(Security(asyncGen, { scopes: ["a"] })).toEqualTypeOf<DependsMarker<Session>>();
    // A plain function given to Depends is a provider with no params.
    expectTypeOf(Depends(async () => 42)).toEqualTypeOf<DependsMarker<number>>();
  });

  it("types a provider's argument from its params, nested providers included", () => {
    const session = dependency(async function* () {
      yield { id: 1 } as Session;
    });
    const user = dependency(
      {
        session: Depends(session),
        q: Query<string | undefined>(),
        n: {} as NumberFromString,
        scopes: SecurityScopes,
      },
      async (args) => {
        expectTypeOf(args).toEqualTypeOf<{
          session: Session;
          q: string | undefined;
          n: number;
          scopes: SecurityScopes;
        }>();
        return { name: String(args.session.id) } as User;
      },
    );
    const route = { user: Depends(user), session: Depends(session), page: Query<number>() };
    expectTypeOf<InferParams<typeof route>>().toEqualTypeOf<{
      user: User;
      session: Session;
      page: number;
    }>();
  });

  it("rejects a plain function that expects arguments (wrap it with dependency())", () => {
    // @ts-expect-error a params-less provider is called with no declared inputs
    Depends((args: { id: number }) => args.id);
  });
});

describe("InferParam", () => {
  it("keeps undefined in an Injectable's output type", () => {
    expectTypeOf<InferParam<QueryMarker<string | undefined>>>().toEqualTypeOf<string | undefined>();
    expectTypeOf<InferParam<Injectable<number>>>().toEqualTypeOf<number>();
  });

  it("reads a Standard Schema's output type", () => {
    expectTypeOf<InferParam<NumberFromString>>().toEqualTypeOf<number>();
    type OptionalOut = { "~standard": { types?: { input: string; output: string | undefined } } };
    expectTypeOf<InferParam<OptionalOut>>().toEqualTypeOf<string | undefined>();
  });

  it("gives SecurityScopes for the class used as a marker, unknown for anything else", () => {
    expectTypeOf<InferParam<typeof SecurityScopes>>().toEqualTypeOf<SecurityScopes>();
    expectTypeOf<InferParam<{ kind: "request" }>>().toEqualTypeOf<unknown>();
    expectTypeOf<InferParam<string>>().toEqualTypeOf<unknown>();
  });
});
