// `typhoon/responses`: the response classes beyond `Response` (which is on the root entry),
// streaming, files and static files.

export { type JsonableEncoderOptions, jsonableEncoder } from "@typhoon/validation";
export {
  HTMLResponse,
  JSONResponse,
  PlainTextResponse,
  RedirectResponse,
} from "../http/responses";
export { StaticFiles, type StaticFilesOptions } from "../staticfiles/index";
export type { DispositionType } from "./content-disposition";
export { type EventSourceInit, EventSourceResponse } from "./event-source";
export { FileResponse, FileResponseError, type FileResponseInit } from "./file-response";
export { guessMediaType } from "./media-types";
export type { StreamSource } from "./source";
export type { EventItem, ServerSentEvent } from "./sse-encoding";
export { type StreamChunk, StreamingResponse } from "./streaming";
