import { realpathSync, statSync } from "node:fs";
import { realpath } from "node:fs/promises";
import { join, resolve, sep } from "node:path";
import type { HTTPScope, Receive, Scope, Send, ServerApp } from "@typhoon/server";
import { JSONResponse, RedirectResponse } from "../http/responses";
import { sendOpenedFile } from "../responses/file-sender";
import { contentTypeFor } from "../responses/media-types";
import { type OpenedPath, openPath } from "../responses/open-file";
import { isInside, safeSegments } from "./safe-path";

export interface StaticFilesOptions {
  /** The directory to serve; nothing outside it is ever read. */
  directory: string;
  /**
   * HTML mode: a directory serves its `index.html` (and redirects to its slash form first),
   * a missing path serves the root's `404.html` with status 404 when there is one.
   */
  html?: boolean;
  /** Throw at construction when `directory` is missing or not a directory (default true). */
  checkDir?: boolean;
  /**
   * Serve symlinks that point outside `directory` (default false: every path is resolved
   * and must stay inside the directory's real path).
   */
  followSymlinks?: boolean;
}

/** Errors that mean "there is nothing (you may see) here": all become 404. */
const NOT_FOUND_CODES = new Set(["ENOENT", "ENOTDIR", "ELOOP", "ENAMETOOLONG", "EACCES", "EPERM"]);

/**
 * Serves the files of a directory, for mounting: `app.mount("/static", new StaticFiles({
 * directory: "public" }))`. GET and HEAD only (405 otherwise), 404 for anything missing or
 * outside the directory, content types by extension, and conditional GET and byte ranges as
 * FileResponse does.
 */
export class StaticFiles {
  readonly directory: string;
  readonly html: boolean;
  readonly followSymlinks: boolean;
  /** The directory as paths are compared against it (its real path unless following links). */
  #root: string | null = null;

  constructor(options: StaticFilesOptions) {
    this.directory = resolve(options.directory);
    this.html = options.html ?? false;
    this.followSymlinks = options.followSymlinks ?? false;
    if (options.checkDir ?? true) {
      let isDirectory: boolean;
      try {
        isDirectory = statSync(this.directory).isDirectory();
      } catch (cause) {
        throw new Error(`StaticFiles directory ${JSON.stringify(this.directory)} does not exist`, {
          cause,
        });
      }
      if (!isDirectory) {
        throw new Error(`StaticFiles path ${JSON.stringify(this.directory)} is not a directory`);
      }
      this.#root = this.followSymlinks ? this.directory : realpathSync(this.directory);
    }
  }

  readonly serverApp: ServerApp = (scope, receive, send) => this.#call(scope, receive, send);

  async #call(scope: Scope, receive: Receive, send: Send): Promise<void> {
    if (scope.type === "websocket") return send({ type: "websocket.close", code: 1000 });
    if (scope.type !== "http") throw new Error(`StaticFiles serves HTTP only, not ${scope.type}`);
    if (scope.method !== "GET" && scope.method !== "HEAD") {
      const allow = { allow: "GET, HEAD" };
      return new JSONResponse(
        { detail: "Method Not Allowed" },
        { status: 405, headers: allow },
      ).respond(scope, receive, send);
    }
    const segments = safeSegments(scope.path);
    const found = segments === null ? null : await this.#open(segments);
    if (found !== null && segments !== null) {
      if (found.isFile && !scope.path.endsWith("/")) {
        return this.#sendFile(found, segments.at(-1) ?? "", 200, scope, receive, send);
      }
      await found.handle.close();
      if (found.isDirectory && this.html) {
        if (!hasTrailingSlash(scope)) return slashRedirect(scope).respond(scope, receive, send);
        const index = await this.#open([...segments, "index.html"]);
        if (index?.isFile) return this.#sendFile(index, "index.html", 200, scope, receive, send);
        await index?.handle.close();
      }
    }
    return this.#notFound(scope, receive, send);
  }

  async #notFound(scope: HTTPScope, receive: Receive, send: Send): Promise<void> {
    if (this.html) {
      const page = await this.#open(["404.html"]);
      if (page?.isFile) return this.#sendFile(page, "404.html", 404, scope, receive, send);
      await page?.handle.close();
    }
    return new JSONResponse({ detail: "Not Found" }, { status: 404 }).respond(scope, receive, send);
  }

  async #sendFile(
    file: OpenedPath,
    name: string,
    status: number,
    scope: HTTPScope,
    receive: Receive,
    send: Send,
  ): Promise<void> {
    try {
      await sendOpenedFile(send, file, {
        status,
        headers: [["content-type", contentTypeFor(name)]],
        method: scope.method,
        receive,
        requestHeaders: scope.headers,
      });
    } finally {
      await file.handle.close();
    }
  }

  /** Opens what `segments` name below the root, or null when it is missing or outside. */
  async #open(segments: string[]): Promise<OpenedPath | null> {
    const root = await this.#rootPath();
    if (root === null) return null;
    let target = join(root, ...segments);
    if (!isInside(root, target, sep)) return null; // cannot happen with safe segments; cheap
    try {
      if (!this.followSymlinks) {
        // Resolve every link, then check again: a symlink inside may point anywhere.
        target = await realpath(target);
        if (!isInside(root, target, sep)) return null;
      }
      return await openPath(target, { followSymlinks: this.followSymlinks });
    } catch (error) {
      if (NOT_FOUND_CODES.has((error as NodeJS.ErrnoException).code ?? "")) return null;
      throw error;
    }
  }

  /** With `checkDir: false` the directory may appear later: resolve it on first use. */
  async #rootPath(): Promise<string | null> {
    if (this.#root !== null) return this.#root;
    if (this.followSymlinks) {
      this.#root = this.directory;
      return this.#root;
    }
    try {
      this.#root = await realpath(this.directory);
      return this.#root;
    } catch {
      return null;
    }
  }
}

// At the mount root the path is "/" either way: only the raw path tells "/static" from
// "/static/".
function hasTrailingSlash(scope: HTTPScope): boolean {
  if (scope.path !== "/") return scope.path.endsWith("/");
  return scope.raw_path === "" || scope.raw_path.endsWith("/");
}

/**
 * 307 to the slash form, as a relative reference (`./name/`): the client resolves it against
 * the URL it used, so it is right behind any mount prefix or proxy root path, and `./`
 * keeps a segment such as `a:b` from reading as a URL scheme.
 */
function slashRedirect(scope: HTTPScope): RedirectResponse {
  const raw = scope.raw_path;
  const last = raw.slice(raw.lastIndexOf("/") + 1);
  const query = scope.query_string === "" ? "" : `?${scope.query_string}`;
  return new RedirectResponse(`./${last}/${query}`);
}
