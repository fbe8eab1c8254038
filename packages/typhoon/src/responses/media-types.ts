/**
 * Content types by file extension: a small built-in table of the types a web app serves,
 * so no MIME database package is needed. Unknown extensions are `application/octet-stream`.
 */
const TYPES: Readonly<Record<string, string>> = {
  html: "text/html",
  htm: "text/html",
  css: "text/css",
  js: "text/javascript",
  mjs: "text/javascript",
  cjs: "text/javascript",
  json: "application/json",
  map: "application/json",
  webmanifest: "application/manifest+json",
  txt: "text/plain",
  md: "text/markdown",
  csv: "text/csv",
  ics: "text/calendar",
  xml: "application/xml",
  yaml: "application/yaml",
  yml: "application/yaml",
  svg: "image/svg+xml",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  avif: "image/avif",
  ico: "image/x-icon",
  bmp: "image/bmp",
  pdf: "application/pdf",
  zip: "application/zip",
  gz: "application/gzip",
  tar: "application/x-tar",
  wasm: "application/wasm",
  woff: "font/woff",
  woff2: "font/woff2",
  ttf: "font/ttf",
  otf: "font/otf",
  mp3: "audio/mpeg",
  wav: "audio/wav",
  ogg: "audio/ogg",
  mp4: "video/mp4",
  webm: "video/webm",
};

export const DEFAULT_MEDIA_TYPE = "application/octet-stream";

/** The media type for a file name or path, from its last extension (case-insensitive). */
export function guessMediaType(fileName: string): string {
  const slash = Math.max(fileName.lastIndexOf("/"), fileName.lastIndexOf("\\"));
  const dot = fileName.lastIndexOf(".");
  // A leading dot names a hidden file (`.env`), not an extension.
  if (dot <= slash + 1) return DEFAULT_MEDIA_TYPE;
  const ext = fileName.slice(dot + 1).toLowerCase();
  return Object.hasOwn(TYPES, ext) ? (TYPES[ext] as string) : DEFAULT_MEDIA_TYPE;
}

/** The Content-Type header value for a file name: text types get `charset=utf-8`. */
export function contentTypeFor(fileName: string): string {
  const type = guessMediaType(fileName);
  return type.startsWith("text/") ? `${type}; charset=utf-8` : type;
}
