import {
  buildOpenAPI,
  type OpenAPIDocument,
  type ScalarConfiguration,
  type ScalarTheme,
  scalarBundle,
  scalarHtml,
} from "@typhoon/docs";
import type { HTTPScope, Receive, Send } from "@typhoon/server";
import { HTMLResponse, Response } from "../http/responses";
import type { PlannedRoute } from "../pipeline/route";
import { FileResponse } from "../responses/file-response";
import { type DocumentInfo, describeApi } from "./describe";

/** Options of the docs page. */
export interface DocsPageOptions {
  /** Page title (default: the app's title + " - Docs"). */
  title?: string;
  theme?: ScalarTheme;
  /** Scalar options merged over the offline defaults (JSON values only). */
  configuration?: ScalarConfiguration;
}

/** A route answered outside the dependency pipeline: no app dependencies, no validation. */
export interface FixedRoute {
  handle(
    scope: HTTPScope,
    receive: Receive,
    send: Send,
    params: Readonly<Record<string, string>>,
  ): Promise<void>;
}

/**
 * The OpenAPI document, built once (a pure function of the routes) and cached per root path,
 * since a proxy prefix is added as the first server like FastAPI does.
 */
export class OpenAPIProvider {
  readonly #routes: () => readonly PlannedRoute[];
  readonly #info: DocumentInfo;
  readonly #postProcess: ((document: OpenAPIDocument) => OpenAPIDocument) | undefined;
  #document: OpenAPIDocument | undefined;
  readonly #json = new Map<string, Uint8Array>();

  constructor(
    routes: () => readonly PlannedRoute[],
    info: DocumentInfo,
    postProcess?: (document: OpenAPIDocument) => OpenAPIDocument,
  ) {
    this.#routes = routes;
    this.#info = info;
    this.#postProcess = postProcess;
  }

  document(): OpenAPIDocument {
    if (this.#document === undefined) {
      const document = buildOpenAPI(describeApi(this.#routes(), this.#info));
      this.#document = this.#postProcess ? this.#postProcess(document) : document;
    }
    return this.#document;
  }

  /** Forget the cached document (routes changed). */
  reset(): void {
    this.#document = undefined;
    this.#json.clear();
  }

  /** The serialized document for requests arriving under `rootPath`. */
  bytes(rootPath: string): Uint8Array {
    let bytes = this.#json.get(rootPath);
    if (bytes === undefined) {
      let document = this.document();
      const servers = (document.servers as Array<{ url: string }> | undefined) ?? [];
      if (rootPath !== "" && !servers.some((server) => server.url === rootPath)) {
        document = { ...document, servers: [{ url: rootPath }, ...servers] };
      }
      bytes = new TextEncoder().encode(JSON.stringify(document));
      this.#json.set(rootPath, bytes);
    }
    return bytes;
  }
}

export function openapiRoute(provider: OpenAPIProvider): FixedRoute {
  return {
    handle(scope, receive, send) {
      const json = provider.bytes(scope.root_path);
      return new Response(json, { mediaType: "application/json" }).respond(scope, receive, send);
    },
  };
}

export function docsPageRoute(
  openapiUrl: string,
  docsUrl: string,
  options: DocsPageOptions & { title: string },
): FixedRoute {
  return {
    handle(scope, receive, send) {
      const root = scope.root_path;
      const html = scalarHtml({
        title: options.title,
        openapiUrl: root + openapiUrl,
        scriptUrl: `${root}${docsUrl}/scalar.js?v=${scalarBundle().hash}`,
        ...(options.theme === undefined ? {} : { theme: options.theme }),
        ...(options.configuration === undefined ? {} : { configuration: options.configuration }),
      });
      return new HTMLResponse(html).respond(scope, receive, send);
    },
  };
}

/** Scalar's standalone bundle, served by the app itself so /docs works offline. */
export function scalarScriptRoute(): FixedRoute {
  return {
    handle(scope, receive, send) {
      const bundle = scalarBundle();
      // The URL carries the bundle's hash, so the file can be cached for good.
      const response = new FileResponse(bundle.path, {
        mediaType: bundle.contentType,
        headers: { "cache-control": "public, max-age=31536000, immutable" },
      });
      return response.respond(scope, receive, send);
    },
  };
}
