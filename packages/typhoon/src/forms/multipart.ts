import type { Readable } from "node:stream";
import { bodyMessage, ClientDisconnected, type Receive } from "@typhoon/server";
import busboy from "busboy";
import { FormParseError, malformed, tooLarge } from "./errors";
import { FormData, type FormValue } from "./form-data";
import type { ResolvedFormLimits } from "./limits";
import { FileSpool, type SpooledContent } from "./spool";
import { TempStore } from "./temp-store";
import { UploadFile } from "./upload-file";

type FileStream = Readable & { truncated?: boolean };

/**
 * Streams a `multipart/form-data` body through busboy. The next body chunk is pulled only after
 * busboy (and, through it, the file being written) has taken the previous one, so a fast client
 * and a slow disk never pile bytes up in memory. On any failure the parser is torn down, every
 * temporary file is removed, and the first failure is thrown.
 */
export class MultipartReader {
  readonly #limits: ResolvedFormLimits;
  readonly #boundary: string;
  readonly #store: TempStore;
  /** Fields and files in part order; a file's slot is filled when its upload completes. */
  readonly #entries: [string, FormValue | undefined][] = [];
  readonly #uploads: Promise<void>[] = [];
  #parser: busboy.Busboy | undefined;
  #failure: unknown;
  #rejectFailed!: (reason: unknown) => void;
  readonly #failed = new Promise<never>((_, reject) => {
    this.#rejectFailed = reject;
  });

  constructor(boundary: string, limits: ResolvedFormLimits, tempDir: string | undefined) {
    this.#boundary = boundary;
    this.#limits = limits;
    this.#store = new TempStore(tempDir);
    this.#failed.catch(() => undefined); // observed through #race; never unhandled
  }

  async read(receive: Receive): Promise<FormData> {
    try {
      let received = 0;
      // Bounded by the host: every message brings the body closer to its end or a disconnect.
      for (;;) {
        const message = bodyMessage(await receive());
        this.#throwIfFailed();
        if (message.body.byteLength > 0) {
          received += message.body.byteLength;
          await this.#race(this.#write(message.body));
        }
        if (!message.more_body) break;
      }
      // No bytes at all is an empty form (as in Starlette): required fields then answer 422.
      if (received === 0) return new FormData();
      await this.#race(this.#end());
      await this.#race(Promise.all(this.#uploads));
      this.#throwIfFailed();
      const store = this.#store;
      return new FormData(this.#entries as [string, FormValue][], { onClose: () => store.close() });
    } catch (error) {
      this.#fail(error);
      await this.#cleanUp();
      throw toFormError(this.#failure);
    }
  }

  #parserFor(): busboy.Busboy {
    if (this.#parser !== undefined) return this.#parser;
    const limits = this.#limits;
    const parser = busboy({
      // Re-quoted after validation, so busboy reads exactly the boundary we checked.
      headers: { "content-type": `multipart/form-data; boundary="${this.#boundary}"` },
      // Browsers send file names as raw UTF-8; RFC 5987 `filename*` carries its own charset.
      defParamCharset: "utf8",
      limits: {
        // busboy flags a value or file that *reaches* its limit; ours are inclusive.
        fieldSize: limits.maxFieldSize + 1,
        fileSize: limits.maxFileSize + 1,
        fields: limits.maxFields,
        files: limits.maxFiles,
        // busboy counts the closing boundary as reaching the limit: allow one more.
        parts: limits.maxParts + 1,
      },
    });
    parser.on("field", (name, value, info) => this.#onField(name, value, info.valueTruncated));
    parser.on("file", (name, stream, info) => this.#onFile(name, stream, info));
    parser.on("partsLimit", () =>
      this.#fail(
        tooLarge(
          "FORM_TOO_MANY_PARTS",
          `Too many parts. Maximum number of parts is ${limits.maxParts}.`,
        ),
      ),
    );
    parser.on("filesLimit", () =>
      this.#fail(
        tooLarge(
          "FORM_TOO_MANY_FILES",
          `Too many files. Maximum number of files is ${limits.maxFiles}.`,
        ),
      ),
    );
    parser.on("fieldsLimit", () =>
      this.#fail(
        tooLarge(
          "FORM_TOO_MANY_FIELDS",
          `Too many fields. Maximum number of fields is ${limits.maxFields}.`,
        ),
      ),
    );
    // Kept for the parser's whole life: a destroyed parser still emits 'error'.
    parser.on("error", (error) => this.#fail(error));
    this.#parser = parser;
    return parser;
  }

  #onField(name: string | undefined, value: string | undefined, truncated: boolean): void {
    if (this.#failure !== undefined || !this.#checkName(name)) return;
    if (truncated) {
      this.#fail(
        tooLarge(
          "FORM_FIELD_TOO_LARGE",
          `Field '${name}' exceeds the maximum size of ${this.#limits.maxFieldSize} bytes.`,
        ),
      );
    } else if (typeof value !== "string") {
      // busboy yields no value for a charset it cannot decode.
      this.#fail(
        malformed("FORM_MALFORMED", `Field '${name}' uses a charset that cannot be decoded.`),
      );
    } else {
      this.#entries.push([name, value]);
    }
  }

  #onFile(name: string | undefined, stream: FileStream, info: busboy.FileInfo): void {
    if (this.#failure !== undefined || !this.#checkName(name)) {
      stream.resume(); // drain it, so busboy is never left waiting on a reader
      return;
    }
    const slot = this.#entries.push([name, undefined]) - 1;
    const init = {
      // A part counts as a file with a filename, or as application/octet-stream without one.
      filename: info.filename ?? "",
      contentType: info.mimeType,
      headers: partHeaders(name, info),
    };
    stream.on("limit", () => this.#fail(this.#fileTooLarge(name)));
    const upload = this.#spool(name, stream).then(
      (content) => {
        this.#entries[slot] = [name, new UploadFile(content, init)];
      },
      (error: unknown) => this.#fail(error),
    );
    this.#uploads.push(upload);
  }

  async #spool(name: string, stream: FileStream): Promise<SpooledContent> {
    const spool = new FileSpool(this.#store, this.#limits.spoolThreshold);
    try {
      for await (const chunk of stream as AsyncIterable<Uint8Array>) {
        if (spool.size + chunk.byteLength > this.#limits.maxFileSize) {
          throw this.#fileTooLarge(name);
        }
        await spool.write(chunk);
      }
      if (stream.truncated) throw this.#fileTooLarge(name);
      return await spool.finish();
    } catch (error) {
      await spool.abort();
      throw error;
    }
  }

  #checkName(name: string | undefined): name is string {
    if (!name) {
      this.#fail(
        malformed("FORM_MALFORMED", "A multipart part has no name in its Content-Disposition."),
      );
      return false;
    }
    if (Buffer.byteLength(name) > this.#limits.maxFieldNameSize) {
      this.#fail(
        tooLarge(
          "FORM_FIELD_NAME_TOO_LARGE",
          `A field name exceeds the maximum size of ${this.#limits.maxFieldNameSize} bytes.`,
        ),
      );
      return false;
    }
    return true;
  }

  #fileTooLarge(name: string): FormParseError {
    return tooLarge(
      "FORM_FILE_TOO_LARGE",
      `File '${name}' exceeds the maximum size of ${this.#limits.maxFileSize} bytes.`,
    );
  }

  #write(chunk: Uint8Array): Promise<void> {
    const parser = this.#parserFor();
    return new Promise((resolve, reject) => {
      parser.write(chunk, (error) => (error ? reject(error) : resolve()));
    });
  }

  #end(): Promise<void> {
    const parser = this.#parserFor();
    return new Promise((resolve, reject) => {
      parser.end((error?: Error | null) => (error ? reject(error) : resolve()));
    });
  }

  /** Settles with `work`, or rejects as soon as anything else failed first. */
  #race<T>(work: Promise<T>): Promise<T> {
    return Promise.race([work, this.#failed]);
  }

  /** Records the first failure; later ones (echoes of the teardown) are ignored. */
  #fail(error: unknown): void {
    if (this.#failure !== undefined) return;
    this.#failure = error ?? new Error("multipart parsing failed");
    this.#rejectFailed(this.#failure);
  }

  #throwIfFailed(): void {
    if (this.#failure !== undefined) throw this.#failure;
  }

  async #cleanUp(): Promise<void> {
    // Destroying the parser also destroys the file stream being read, which ends its upload.
    this.#parser?.destroy();
    await Promise.allSettled(this.#uploads);
    await this.#store.close();
  }
}

/** The part headers busboy reports, normalised (busboy does not expose the raw ones). */
function partHeaders(name: string, info: busboy.FileInfo): [string, string][] {
  const disposition =
    info.filename === undefined
      ? `form-data; name="${quote(name)}"`
      : `form-data; name="${quote(name)}"; filename="${quote(info.filename)}"`;
  return [
    ["content-disposition", disposition],
    ["content-type", info.mimeType],
  ];
}

const quote = (value: string) => value.replace(/["\\\r\n]/g, (c) => encodeURIComponent(c));

/**
 * busboy reports malformed input as plain `Error`s without a code; those are the client's
 * fault (400). Anything else (a full disk, a bug) is the server's and is rethrown as is.
 */
function toFormError(error: unknown): unknown {
  if (error instanceof FormParseError || error instanceof ClientDisconnected) return error;
  if (!(error instanceof Error) || Object.getPrototypeOf(error) !== Error.prototype) return error;
  if ("code" in error) return error;
  if (/^Unexpected end of (form|file)$/.test(error.message)) {
    return malformed(
      "FORM_TRUNCATED",
      "The multipart body ended before its closing boundary (truncated, or not multipart).",
    );
  }
  return malformed("FORM_MALFORMED", `Malformed multipart body: ${error.message}.`);
}
