import type { Receive } from "@typhoon/server";
import { FormData } from "./form-data";
import { type FormOptions, type ResolvedFormLimits, resolveFormLimits } from "./limits";
import { mediaTypeEssence, multipartBoundary } from "./media-type";
import { MultipartReader } from "./multipart";
import { parseUrlencoded } from "./urlencoded";

/** `FormOptions` with every limit filled in and checked: plan it once per route. */
export interface ResolvedFormOptions extends ResolvedFormLimits {
  readonly tempDir: string | undefined;
}

const resolved = new WeakSet<object>();

/** Checks the limits and fills the defaults once; `parseForm` then skips that work. */
export function resolveFormOptions(options: FormOptions = {}): ResolvedFormOptions {
  if (resolved.has(options)) return options as ResolvedFormOptions;
  const plan = Object.freeze({ ...resolveFormLimits(options), tempDir: options.tempDir });
  resolved.add(plan);
  return plan;
}

/**
 * Reads the request body as a form: `application/x-www-form-urlencoded` or
 * `multipart/form-data`, streamed within `options`' limits. Any other (or no) content type is
 * not a form: the body is left unread and the form is empty, so required fields answer 422 as
 * in FastAPI. The caller owns the result and must `close()` it when the request ends.
 *
 * Throws `FormParseError` (400 malformed, 413 over a limit) and the server's
 * `ClientDisconnected` when the client leaves mid-body; temporary files are gone either way.
 */
export async function parseForm(
  receive: Receive,
  contentType: string | undefined,
  options: FormOptions | ResolvedFormOptions = {},
): Promise<FormData> {
  if (contentType === undefined) return new FormData();
  const essence = mediaTypeEssence(contentType);
  if (essence === "application/x-www-form-urlencoded") {
    return parseUrlencoded(receive, resolveFormOptions(options));
  }
  if (essence === "multipart/form-data") {
    const plan = resolveFormOptions(options);
    const reader = new MultipartReader(multipartBoundary(contentType), plan, plan.tempDir);
    return reader.read(receive);
  }
  return new FormData();
}
