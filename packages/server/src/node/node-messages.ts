import { IncomingMessage, ServerResponse } from "node:http";
import type { HttpExchange } from "./exchange";

/*
 * Node creates these (createServer's IncomingMessage/ServerResponse options) so that one
 * module-level listener per event can find its exchange through `this`, instead of a new
 * closure per request. The field is declared up front so every instance keeps one shape.
 */

export class ExchangeRequest extends IncomingMessage {
  exchange: HttpExchange | null = null;
}

export class ExchangeResponse extends ServerResponse<ExchangeRequest> {
  exchange: HttpExchange | null = null;
}
