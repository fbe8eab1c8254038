// Transport variant (c): a net.Server driving Node's own llhttp parser (the HTTPParser that
// node:http uses) without IncomingMessage/ServerResponse, answering GET /hello with
// node:http's bytes. llhttp frames bodies, validates the request line and headers, limits
// the head to 16 KiB and reports keep-alive; this file adds only the answer. No timeouts,
// no 100-continue, no upgrades (refused), GET only: a measurement, not a server.
import { createServer, type Socket } from "node:net";
import {
  GET_METHOD,
  type HeadersComplete,
  type NativeHttpParser,
  newRequestParser,
  type ParseError,
  SLOTS,
} from "./transport-llhttp-parser";
import { cannedResponses, REFUSALS } from "./transport-response";
import {
  listenTransport,
  ResponseBatch,
  type TransportServer,
  type TransportServerOptions,
} from "./transport-socket";

export interface LlhttpServerOptions extends TransportServerOptions {
  /**
   * Let the parser read the socket's handle in C++ (`parser.consume`, as node:http does)
   * instead of executing each 'data' chunk from JavaScript.
   */
  consume: boolean;
}

const ignoreBody = () => {};
const closeParser = (parser: NativeHttpParser) => parser.close();

/** One connection: its parser, the request being read, and the responses of this read. */
class LlhttpConnection {
  readonly #parser: NativeHttpParser;
  readonly #batch: ResponseBatch;
  #consumed = false;
  #url = "";
  #method = -1;
  #keepAlive = true;
  #upgrade = false;
  /** A response said `Connection: close`: end after this read's responses. */
  #closing = false;
  /** Ended: later reads are ignored. */
  #ended = false;

  constructor(socket: Socket, consume: boolean) {
    this.#batch = new ResponseBatch(socket);
    const parser = newRequestParser();
    this.#parser = parser;
    // Only called when a head spans reads: the URL comes in pieces, headers are not needed.
    parser[SLOTS.onHeaders] = (_headers: string[], url: string) => {
      this.#url += url;
    };
    const onHeadersComplete: HeadersComplete = (
      _major,
      _minor,
      _headers,
      method,
      url,
      _status,
      _message,
      upgrade,
      shouldKeepAlive,
    ) => {
      if (url !== undefined) this.#url = url;
      this.#method = method;
      this.#upgrade = upgrade;
      this.#keepAlive = shouldKeepAlive;
      return 0; // 0: a body, if any, follows (1 would tell llhttp to skip it)
    };
    parser[SLOTS.onHeadersComplete] = onHeadersComplete;
    parser[SLOTS.onBody] = ignoreBody; // framed by llhttp, dropped here
    parser[SLOTS.onMessageComplete] = () => this.#answer();

    const handle = (socket as unknown as { _handle?: { isStreamBase?: boolean } })._handle;
    if (consume && handle?.isStreamBase === true) {
      parser[SLOTS.onExecute] = (result: number | ParseError) => this.#afterRead(result);
      parser.consume(handle);
      this.#consumed = true;
    } else {
      socket.on("data", (chunk: Buffer) => {
        if (!this.#ended) this.#afterRead(parser.execute(chunk));
      });
    }
    // A request cut off by the client's end is its loss: the socket ends itself after it.
    socket.on("end", () => parser.finish());
    socket.on("error", () => socket.destroy());
    socket.once("close", () => this.#free());
  }

  #answer(): void {
    if (this.#closing) return;
    if (this.#upgrade || this.#method !== GET_METHOD) {
      this.#batch.add(REFUSALS.notImplemented);
      this.#closing = true;
      return;
    }
    const responses = cannedResponses();
    const hello = this.#url === "/hello";
    this.#url = "";
    if (this.#keepAlive) {
      this.#batch.add(hello ? responses.hello : responses.notFound);
    } else {
      this.#batch.add(hello ? responses.helloThenClose : responses.notFoundThenClose);
      this.#closing = true;
    }
  }

  #afterRead(result: number | ParseError): void {
    if (this.#ended) return;
    // Data after a closing response is an error to llhttp, and no concern of the client's.
    if (result instanceof Error && !this.#closing) {
      this.#batch.add(
        result.code === "HPE_HEADER_OVERFLOW" ? REFUSALS.headersTooLarge : REFUSALS.badRequest,
      );
      this.#closing = true;
    }
    this.#batch.flush(this.#closing);
    this.#ended = this.#closing;
  }

  #free(): void {
    if (this.#consumed) this.#parser.unconsume();
    // As node:http does: the native parser is deleted only once its stack has surely unwound.
    setImmediate(closeParser, this.#parser);
  }
}

/** Starts variant (c) on `host:port`. */
export function startLlhttpServer(options: LlhttpServerOptions): Promise<TransportServer> {
  // noDelay as node:http sets it, so the two differ in parsing and objects, not in Nagle.
  const server = createServer(
    { noDelay: true },
    (socket) => new LlhttpConnection(socket, options.consume),
  );
  return listenTransport(server, options);
}
