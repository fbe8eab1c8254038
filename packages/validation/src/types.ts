import type { GenericSchema } from "valibot";

/** Where a request value came from; the first element of every request error's `loc`. */
export type Location = "path" | "query" | "header" | "cookie" | "body";

/** A location: the source, then keys and array indexes down to the offending value. */
export type Loc = (string | number)[];

/** One validation problem, shaped like a pydantic v2 / modern FastAPI error item. */
export interface ErrorItem {
  /** Stable machine-readable code, e.g. `missing`, `int_parsing`, `string_too_short`. */
  type: string;
  loc: Loc;
  /** Human-readable message in pydantic's wording. */
  msg: string;
  /** The value as received (raw string for query/path/header/cookie values). */
  input: unknown;
  /** Parameters of the failed constraint, e.g. `{ gt: 0 }` or `{ min_length: 2 }`. */
  ctx?: Record<string, unknown>;
}

/**
 * The parts of a valibot schema or action this package reads. valibot's public types do not
 * expose them uniformly, so the compiler reads them through this one structural view.
 */
export interface SchemaView {
  readonly kind: "schema" | "validation" | "transformation" | "metadata";
  readonly type: string;
  readonly async?: boolean;
  readonly expects?: string | null;
  readonly message?: unknown;
  readonly pipe?: readonly SchemaView[];
  readonly wrapped?: SchemaView;
  readonly default?: unknown;
  readonly fallback?: unknown;
  readonly entries?: Readonly<Record<string, SchemaView>>;
  readonly rest?: SchemaView;
  readonly item?: SchemaView;
  readonly items?: readonly SchemaView[];
  readonly options?: readonly unknown[];
  readonly key?: SchemaView | string;
  readonly value?: SchemaView;
  readonly literal?: unknown;
  readonly getter?: (input: unknown) => GenericSchema;
  readonly requirement?: unknown;
  readonly "~run": (dataset: Dataset, config: unknown) => Dataset;
  /** A schema's own coercion (the temporal schemas): the output or pydantic's error. */
  readonly "~coerce"?: (
    input: unknown,
    lax: boolean,
  ) =>
    | { ok: true; value: unknown }
    | { ok: false; type: string; msg: string; ctx?: Record<string, unknown> };
}

/** valibot's mutable run state ("dataset"). */
export interface Dataset {
  typed?: boolean;
  value: unknown;
  issues?: ValibotIssue[] | undefined;
}

/** The fields of a valibot issue this package maps. */
export interface ValibotIssue {
  readonly kind: string;
  readonly type: string;
  readonly input: unknown;
  readonly expected: string | null;
  readonly received: string;
  readonly message: string;
  readonly requirement?: unknown;
  readonly path?: readonly {
    readonly key?: unknown;
    readonly origin?: string;
    readonly input?: unknown;
  }[];
  readonly issues?: readonly ValibotIssue[];
}
