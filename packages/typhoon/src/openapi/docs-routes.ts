import {
  buildOpenAPI,
  installedScalarBundle,
  type OpenAPIDocument,
  SCALAR_CDN,
  SCALAR_OFFLINE_HINT,
  type ScalarConfiguration,
  type ScalarTheme,
  scalarHtml,
} from "@typhoon/docs";
import {
  consoleLogger,
  type HTTPScope,
  type Logger,
  type Receive,
  type Send,
} from "@typhoon/server";
import { HTMLResponse, JSONResponse, Response } from "../http/responses";
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

/**
 * The docs page. Scalar comes from the app itself (`{docsUrl}/scalar.js`) when
 * `@scalar/api-reference` is installed, else from the pinned, integrity-checked CDN file; the
 * first request then logs how to serve it offline.
 */
export function docsPageRoute(
  openapiUrl: string,
  docsUrl: string,
  options: DocsPageOptions & { title: string; logger?: Logger },
): FixedRoute {
  let hinted = false;
  return {
    handle(scope, receive, send) {
      const root = scope.root_path;
      const bundle = installedScalarBundle();
      if (bundle === undefined && !hinted) {
        hinted = true;
        (options.logger ?? consoleLogger()).warn(
          `@scalar/api-reference is not installed: ${SCALAR_OFFLINE_HINT}`,
        );
      }
      const script =
        bundle === undefined
          ? { scriptUrl: SCALAR_CDN.url, scriptIntegrity: SCALAR_CDN.integrity }
          : { scriptUrl: `${root}${docsUrl}/scalar.js?v=${bundle.hash}` };
      const html = scalarHtml({
        title: options.title,
        openapiUrl: root + openapiUrl,
        ...script,
        ...(options.theme === undefined ? {} : { theme: options.theme }),
        ...(options.configuration === undefined ? {} : { configuration: options.configuration }),
      });
      return new HTMLResponse(html).respond(scope, receive, send);
    },
  };
}

/**
 * Scalar's standalone bundle, served by the app itself so /docs works offline; 404 when
 * `@scalar/api-reference` is not installed (the page then loads it from the CDN).
 */
export function scalarScriptRoute(): FixedRoute {
  return {
    handle(scope, receive, send) {
      const bundle = installedScalarBundle();
      if (bundle === undefined) {
        const missing = new JSONResponse({ detail: "Not Found" }, { status: 404 });
        return missing.respond(scope, receive, send);
      }
      // The URL carries the bundle's hash, so the file can be cached for good.
      const response = new FileResponse(bundle.path, {
        mediaType: bundle.contentType,
        headers: { "cache-control": "public, max-age=31536000, immutable" },
      });
      return response.respond(scope, receive, send);
    },
  };
}
