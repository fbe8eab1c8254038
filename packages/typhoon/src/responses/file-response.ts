import { basename } from "node:path";
import type { Receive, Scope, Send } from "@typhoon/server";
import { TyphoonError } from "../errors";
import { Response, type ResponseInit } from "../http/responses";
import { contentDisposition, type DispositionType } from "./content-disposition";
import { sendOpenedFile } from "./file-sender";
import { guessMediaType } from "./media-types";
import { openPath } from "./open-file";

export interface FileResponseInit extends ResponseInit {
  /** Download name: sets `Content-Disposition` and, unless `mediaType` is given, the type. */
  filename?: string;
  /** `attachment` (default when a filename is given) or `inline`. */
  contentDisposition?: DispositionType;
}

/** The file cannot be sent: missing, unreadable, or not a regular file. */
export class FileResponseError extends TyphoonError {
  declare readonly code: "FILE_UNAVAILABLE";
  readonly path: string;
  constructor(path: string, reason: string, options?: { cause?: unknown }) {
    super(
      "FILE_UNAVAILABLE",
      `FileResponse cannot send ${JSON.stringify(path)}: ${reason}`,
      options,
    );
    this.name = "FileResponseError";
    this.path = path;
  }
}

/**
 * A file from disk: content type from the extension, `Content-Length`, a strong `ETag`
 * (size + mtime) and `Last-Modified`; answers conditional GETs with 304 and `Range`
 * requests with 206 (multipart/byteranges for several ranges) or 416; HEAD sends the head
 * only. The file is opened when sent, read in 64 KiB chunks with backpressure, and always
 * closed, also when the client disconnects. A missing file is a server error (500): check
 * for it in the handler when a 404 is wanted.
 */
export class FileResponse extends Response {
  readonly path: string;

  constructor(path: string, init: FileResponseInit = {}) {
    const mediaType = init.mediaType ?? guessMediaType(init.filename ?? path);
    super(null, { ...init, mediaType });
    this.path = path;
    const { filename, contentDisposition: type } = init;
    if ((filename !== undefined || type !== undefined) && !this.hasHeader("content-disposition")) {
      const name = filename ?? basename(path);
      this.headers.push(["content-disposition", contentDisposition(type ?? "attachment", name)]);
    }
  }

  /** `scope` brings the request headers (conditional GET, Range); `receive`, a disconnect. */
  override async respond(scope: Scope, receive: Receive, send: Send): Promise<void> {
    let opened: Awaited<ReturnType<typeof openPath>>;
    try {
      opened = await openPath(this.path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
      throw new FileResponseError(this.path, code, { cause: error });
    }
    try {
      if (!opened.isFile) throw new FileResponseError(this.path, "not a regular file");
      await sendOpenedFile(send, opened, {
        status: this.status,
        headers: this.headers.slice(),
        method: scope.type === "http" ? scope.method : "GET",
        receive,
        requestHeaders: scope.type === "lifespan" ? undefined : scope.headers,
      });
    } finally {
      await opened.handle.close();
    }
  }
}
