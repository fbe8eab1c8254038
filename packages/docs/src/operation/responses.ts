import { STATUS_CODES } from "node:http";
import type { JsonSchema, ResponseDescription } from "../description";
import { OpenAPIError } from "../errors";
import type { DocumentContext, OperationSite } from "./context";

const RANGE_TEXT: Record<string, string> = {
  "1XX": "Information",
  "2XX": "Success",
  "3XX": "Redirection",
  "4XX": "Client Error",
  "5XX": "Server Error",
  default: "Default Response",
};

type Response = {
  description: string;
  headers?: Record<string, unknown>;
  content?: Record<string, unknown>;
};

/** `"404"`, `"4XX"` or `"default"`; anything else is refused. */
function statusKey(status: unknown, where: string): string {
  if (typeof status === "number" && Number.isInteger(status) && status >= 100 && status <= 599) {
    return String(status);
  }
  if (typeof status === "string") {
    const key = status === "default" ? status : status.toUpperCase();
    if (key in RANGE_TEXT) return key;
  }
  throw new OpenAPIError(
    "INVALID_DESCRIPTION",
    `${where}: invalid response status ${JSON.stringify(status)} (100-599, "1XX"-"5XX" or "default")`,
  );
}

/** FastAPI's is_body_allowed_for_status_code: no body for 1XX, 204, 205 and 304. */
function bodyAllowed(key: string): boolean {
  if (key === "default" || key.endsWith("XX")) return key !== "1XX";
  const code = Number(key);
  return !(code < 200 || code === 204 || code === 205 || code === 304);
}

const isJsonType = (mediaType: string) =>
  /^application\/(?:[\w.-]+\+)?json(?:;|$)/i.test(mediaType.trim());

/**
 * The operation's `responses`: the route's own response (first), extra declared responses
 * (one status given twice is merged: media types and headers added, a later description
 * wins), and the 422 in the app's error format when the operation validates input and
 * declares no 422, 4XX or default response itself.
 */
export function buildResponses(
  responses: readonly ResponseDescription[] | undefined,
  validatesInput: boolean,
  site: OperationSite,
  ctx: DocumentContext,
): Record<string, Response> {
  const list: readonly ResponseDescription[] =
    responses !== undefined && responses.length > 0 ? responses : [{ status: 200 }];
  const out: Record<string, Response> = {};
  list.forEach((response, index) => {
    const key = statusKey(response.status, site.label);
    const where = `${site.label}: response ${key}`;
    const target = out[key] ?? { description: "" };
    out[key] = target;
    target.description =
      response.description ??
      (target.description || (index === 0 ? "Successful Response" : defaultDescription(key)));
    if (response.headers !== undefined) {
      target.headers = { ...target.headers, ...buildHeaders(response.headers, where, ctx) };
    }
    const mediaType = response.mediaType === undefined ? "application/json" : response.mediaType;
    // Like FastAPI, an extra response says nothing about its body unless told.
    const described =
      index === 0 ||
      response.schema !== undefined ||
      response.jsonSchema !== undefined ||
      response.mediaType !== undefined;
    if (mediaType !== null && described && bodyAllowed(key)) {
      target.content = {
        ...target.content,
        [mediaType]: { schema: bodySchema(response, mediaType, where, ctx) },
      };
    }
  });
  if (validatesInput && !("422" in out || "4XX" in out || "default" in out)) {
    const error = ctx.validationError;
    out["422"] = {
      description: "Validation Error",
      content: { [error.mediaType]: { schema: error.schema } },
    };
    for (const [name, schema] of Object.entries(error.components)) {
      ctx.registry.addComponent(name, schema, "the validation error format");
    }
  }
  return out;
}

function defaultDescription(key: string): string {
  return RANGE_TEXT[key] ?? STATUS_CODES[key] ?? "Additional Response";
}

function bodySchema(
  response: ResponseDescription,
  mediaType: string,
  where: string,
  ctx: DocumentContext,
): JsonSchema {
  if (response.schema !== undefined) return ctx.registry.convert(response.schema, "output", where);
  if (response.jsonSchema !== undefined) return response.jsonSchema;
  // FastAPI: a JSON response without a model is "any JSON" ({}), other classes a string.
  return isJsonType(mediaType) ? {} : { type: "string" };
}

function buildHeaders(
  headers: NonNullable<ResponseDescription["headers"]>,
  where: string,
  ctx: DocumentContext,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, header] of Object.entries(headers)) {
    const at = `${where} header "${name}"`;
    const entry: Record<string, unknown> = {};
    if (header.description !== undefined) entry.description = header.description;
    if (header.required !== undefined) entry.required = header.required;
    entry.schema =
      header.schema !== undefined
        ? ctx.registry.convert(header.schema, "output", at)
        : { type: "string" };
    out[name] = entry;
  }
  return out;
}
