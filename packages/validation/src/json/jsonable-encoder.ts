import { Duration } from "../temporal/duration";
import { dateFields, formatDateTime } from "../temporal/format";

/** JSON-compatible data: what `JSON.stringify` writes without a replacer or `toJSON`. */
export type Jsonable = null | boolean | number | string | Jsonable[] | { [key: string]: Jsonable };

export interface JsonableEncoderOptions {
  /** Only these keys of the top-level object (FastAPI's `include`). */
  include?: Iterable<string>;
  /** Leave these keys of the top-level object out (FastAPI's `exclude`). */
  exclude?: Iterable<string>;
  /** Drop object keys whose value is null or undefined, at every level. */
  excludeNone?: boolean;
  /**
   * Encoders by class, tried before the built-in rules (FastAPI's `custom_encoder`): the
   * value an instance of the class becomes, itself encoded in turn.
   */
  customEncoder?: ReadonlyMap<
    abstract new (
      ...args: never[]
    ) => unknown,
    (value: never) => unknown
  >;
}

const utf8 = new TextDecoder("utf-8");

/**
 * FastAPI's `jsonable_encoder`: turns a value into data `JSON.stringify` writes as FastAPI
 * would. Dates become ISO strings as Python's `isoformat()` writes an aware UTC datetime
 * (`2024-03-01T09:30:00+00:00`: jsonable_encoder's form, where a response model writes `Z`);
 * a {@link Duration} its total seconds; bytes (`Uint8Array`, `ArrayBuffer`) their UTF-8 text;
 * Maps objects; Sets and other iterables lists; a bigint a number when it is exactly one,
 * else its decimal string; `URL`s and RegExps their text; an object with `toJSON` what that
 * returns; other objects (class instances, errors) their own enumerable properties, an
 * `undefined` property left out (an unset field), `undefined` elsewhere `null`; NaN and
 * ±Infinity `null`, as `JSON.stringify` writes them. Functions and symbols are left out.
 */
export function jsonableEncoder(value: unknown, options: JsonableEncoderOptions = {}): Jsonable {
  const include = options.include === undefined ? undefined : new Set(options.include);
  const exclude = options.exclude === undefined ? undefined : new Set(options.exclude);
  const encoder = new Encoder(options);
  if ((include !== undefined || exclude !== undefined) && isPlainRecord(value)) {
    const picked: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      if (include !== undefined && !include.has(key)) continue;
      if (exclude?.has(key)) continue;
      picked[key] = value[key];
    }
    return encoder.encode(picked) ?? null;
  }
  return encoder.encode(value) ?? null;
}

const isPlainRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

class Encoder {
  readonly #excludeNone: boolean;
  readonly #custom: JsonableEncoderOptions["customEncoder"];
  /** The objects being encoded above the current one: a cycle is an error, not a hang. */
  readonly #seen = new Set<object>();

  constructor(options: JsonableEncoderOptions) {
    this.#excludeNone = options.excludeNone ?? false;
    this.#custom = options.customEncoder;
  }

  /** The encoded value, or undefined for what an object leaves out. */
  encode(value: unknown): Jsonable | undefined {
    switch (typeof value) {
      case "string":
      case "boolean":
        return value;
      case "number":
        return Number.isFinite(value) ? value : null;
      case "bigint":
        return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
      case "undefined":
      case "function":
      case "symbol":
        return undefined;
    }
    if (value === null) return null;
    const object = value as object;
    const custom = this.#customFor(object);
    if (custom !== undefined)
      return this.#nested(object, () => this.encode(custom(object as never)));
    if (object instanceof Date) {
      return Number.isNaN(object.getTime()) ? null : isoformat(object);
    }
    if (object instanceof Duration) return object.seconds;
    if (object instanceof Uint8Array) return utf8.decode(object);
    if (object instanceof ArrayBuffer) return utf8.decode(new Uint8Array(object));
    if (ArrayBuffer.isView(object)) {
      return utf8.decode(new Uint8Array(object.buffer, object.byteOffset, object.byteLength));
    }
    if (object instanceof URL) return object.href;
    if (object instanceof RegExp) return object.source;
    if (object instanceof Number || object instanceof String || object instanceof Boolean) {
      return this.encode(object.valueOf());
    }
    return this.#nested(object, () => this.#container(object));
  }

  #customFor(object: object): ((value: never) => unknown) | undefined {
    if (this.#custom === undefined) return undefined;
    for (const [type, encode] of this.#custom) if (object instanceof type) return encode;
    return undefined;
  }

  #nested(object: object, encode: () => Jsonable | undefined): Jsonable | undefined {
    if (this.#seen.has(object)) {
      throw new TypeError("jsonableEncoder: the value contains a cycle");
    }
    this.#seen.add(object);
    try {
      return encode();
    } finally {
      this.#seen.delete(object);
    }
  }

  #container(object: object): Jsonable | undefined {
    if (Array.isArray(object)) return object.map((item) => this.encode(item) ?? null);
    if (object instanceof Map) {
      const out: Record<string, Jsonable> = {};
      for (const [key, item] of object) this.#set(out, String(this.encode(key)), item);
      return out;
    }
    if (typeof (object as { toJSON?: unknown }).toJSON === "function") {
      return this.encode((object as { toJSON: () => unknown }).toJSON());
    }
    if (Symbol.iterator in object) {
      return Array.from(object as Iterable<unknown>, (item) => this.encode(item) ?? null);
    }
    const out: Record<string, Jsonable> = {};
    for (const key of Object.keys(object)) {
      this.#set(out, key, (object as Record<string, unknown>)[key]);
    }
    return out;
  }

  #set(out: Record<string, Jsonable>, key: string, item: unknown): void {
    if (this.#excludeNone && (item === null || item === undefined)) return;
    const encoded = this.encode(item);
    if (encoded === undefined) return;
    // A key named __proto__ stays an own property.
    Object.defineProperty(out, key, {
      value: encoded,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
}

/** Python's `datetime.isoformat()` of an aware UTC datetime. */
function isoformat(date: Date): string {
  const fields = dateFields(date);
  return `${formatDateTime({ ...fields, offset: null })}+00:00`;
}
