/**
 * What a streaming response pulls from: an async iterable (async generator, Node Readable),
 * a sync iterable, or a web ReadableStream, seen through one small interface so the pump
 * can stop any of them the same way.
 */
export type StreamSource<T> = AsyncIterable<T> | Iterable<T> | ReadableStream<T>;

export interface Puller<T> {
  /** Sync for sync iterables, so they never pay for a promise per chunk. */
  next(): IteratorResult<T> | Promise<IteratorResult<T>>;
  /** Stops the source early: a generator's `finally` runs, a stream is cancelled. */
  close(): unknown;
}

export function openSource<T>(content: StreamSource<T>): Puller<T> {
  if (typeof (content as ReadableStream<T>).getReader === "function") {
    const reader = (content as ReadableStream<T>).getReader();
    return {
      next: () => reader.read() as Promise<IteratorResult<T>>,
      close: () => reader.cancel(),
    };
  }
  const asyncIterable = content as AsyncIterable<T>;
  if (typeof asyncIterable[Symbol.asyncIterator] === "function") {
    return fromIterator(asyncIterable[Symbol.asyncIterator]());
  }
  const iterable = content as Iterable<T>;
  if (typeof iterable[Symbol.iterator] === "function") {
    return fromIterator(iterable[Symbol.iterator]());
  }
  throw new TypeError("Stream content must be an (async) iterable or a ReadableStream");
}

function fromIterator<T>(iterator: AsyncIterator<T> | Iterator<T>): Puller<T> {
  return {
    next: () => iterator.next(),
    close: () => iterator.return?.(),
  };
}
