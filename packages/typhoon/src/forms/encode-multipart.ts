import { randomBytes } from "node:crypto";

/** A file to send: its content plus the name and type the part declares. */
export interface MultipartFile {
  content: string | Uint8Array;
  /** Default `"upload"`. */
  filename?: string;
  /** Default `application/octet-stream`. */
  contentType?: string;
}

export type MultipartValue = string | number | boolean | MultipartFile;

export interface EncodedMultipart {
  body: Uint8Array;
  /** `multipart/form-data; boundary=...`, ready for the Content-Type header. */
  contentType: string;
}

/**
 * Builds a `multipart/form-data` body, as a browser would, from `[name, value]` entries (an
 * object, or pairs when names repeat). For tests and clients: the TestClient's `files` option
 * and hand-made requests. Names and filenames are escaped as the WHATWG HTML spec says.
 */
export function encodeMultipart(
  entries: Iterable<[string, MultipartValue]> | Record<string, MultipartValue | MultipartValue[]>,
  boundary = `----TyphoonFormBoundary${randomBytes(12).toString("hex")}`,
): EncodedMultipart {
  const chunks: Uint8Array[] = [];
  const text = (value: string) => chunks.push(Buffer.from(value, "utf8"));
  for (const [name, value] of pairs(entries)) {
    text(`--${boundary}\r\n`);
    if (typeof value === "object") {
      const filename = escapeName(value.filename ?? "upload");
      text(
        `Content-Disposition: form-data; name="${escapeName(name)}"; filename="${filename}"\r\n`,
      );
      text(`Content-Type: ${value.contentType ?? "application/octet-stream"}\r\n\r\n`);
      chunks.push(typeof value.content === "string" ? Buffer.from(value.content) : value.content);
      text("\r\n");
    } else {
      text(
        `Content-Disposition: form-data; name="${escapeName(name)}"\r\n\r\n${String(value)}\r\n`,
      );
    }
  }
  text(`--${boundary}--\r\n`);
  return {
    body: Buffer.concat(chunks),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

function* pairs(
  entries: Iterable<[string, MultipartValue]> | Record<string, MultipartValue | MultipartValue[]>,
): Iterable<[string, MultipartValue]> {
  if (Symbol.iterator in entries) {
    yield* entries as Iterable<[string, MultipartValue]>;
    return;
  }
  for (const [name, value] of Object.entries(entries)) {
    if (Array.isArray(value)) for (const item of value) yield [name, item];
    else yield [name, value];
  }
}

/** WHATWG: `"` → %22, CR → %0D, LF → %0A in names and filenames. */
const escapeName = (value: string) =>
  value.replace(/["\r\n]/g, (c) => (c === '"' ? "%22" : c === "\r" ? "%0D" : "%0A"));
