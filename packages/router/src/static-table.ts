/** Keys per length kept in a list before a bucket switches to a Map. */
const LIST_LIMIT = 8;

interface Bucket<V> {
  keys: string[];
  values: V[];
  /** Set once the bucket outgrew a list. */
  map: Map<string, V> | null;
}

/**
 * A string-keyed table for the hot path of matching. A request's path (or segment) is a fresh
 * string, and a Map lookup must hash it first; here keys are grouped by length, and a short
 * list of same-length keys is compared directly, which costs less than the hash. Buckets that
 * grow past a few keys become Maps, so big route tables keep their constant-time lookup.
 */
export class StaticTable<V> {
  readonly #buckets: Array<Bucket<V> | undefined> = [];
  #size = 0;

  get size(): number {
    return this.#size;
  }

  get(key: string): V | undefined {
    const bucket = this.#buckets[key.length];
    if (bucket === undefined) return undefined;
    if (bucket.map !== null) return bucket.map.get(key);
    const keys = bucket.keys;
    for (let i = 0; i < keys.length; i++) if (keys[i] === key) return bucket.values[i];
    return undefined;
  }

  /** The value whose key is `text.slice(start, end)`, without cutting the slice out. */
  getSlice(text: string, start: number, end: number): V | undefined {
    const bucket = this.#buckets[end - start];
    if (bucket === undefined) return undefined;
    if (bucket.map !== null) return bucket.map.get(text.slice(start, end));
    const keys = bucket.keys;
    for (let i = 0; i < keys.length; i++) {
      if (text.startsWith(keys[i]!, start)) return bucket.values[i];
    }
    return undefined;
  }

  set(key: string, value: V): void {
    let bucket = this.#buckets[key.length];
    if (bucket === undefined) {
      bucket = { keys: [], values: [], map: null };
      this.#buckets[key.length] = bucket;
    }
    if (bucket.map !== null) {
      if (!bucket.map.has(key)) this.#size++;
      bucket.map.set(key, value);
      return;
    }
    const at = bucket.keys.indexOf(key);
    if (at !== -1) {
      bucket.values[at] = value;
      return;
    }
    this.#size++;
    bucket.keys.push(key);
    bucket.values.push(value);
    if (bucket.keys.length > LIST_LIMIT) {
      bucket.map = new Map(bucket.keys.map((k, i) => [k, bucket.values[i]!]));
      bucket.keys = [];
      bucket.values = [];
    }
  }
}
