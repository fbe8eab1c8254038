import type { DependsMarker } from "@typhoon/di";
import type {
  OpenAPIDocument,
  OperationDescription,
  ServerDescription,
  TagDescription,
} from "@typhoon/docs";
import type { Logger } from "@typhoon/server";
import type { ErrorFormat } from "@typhoon/validation";
import type { Typhoon } from "./app";
import type { FormOptions } from "./forms/limits";
import type { LifespanHandler } from "./lifespan";
import type { DocsPageOptions } from "./openapi/docs-routes";

export interface TyphoonOptions {
  title?: string;
  version?: string;
  description?: string;
  /** Run before every route's own dependencies, for their effect (FastAPI's app dependencies). */
  dependencies?: DependsMarker<unknown>[];
  /** Shape of validation errors for every route: FastAPI's (default), RFC 9457, or your own. */
  errorFormat?: ErrorFormat;
  /** Redirect `/path/` ↔ `/path` with 307 when only the other form exists (default true). */
  redirectSlashes?: boolean;
  /**
   * A JSON body needs a JSON `Content-Type` (default true, FastAPI's `strict_content_type`):
   * false reads a body sent without one as JSON. Routers and routes may set it too.
   */
  strictContentType?: boolean;
  /** Largest body read into memory for JSON (default 1 MiB): larger gets 413. */
  bodyLimit?: number;
  /** Limits of form and multipart bodies (file size and count, fields, parts) and the temp dir. */
  forms?: FormOptions;
  logger?: Logger;
  /** Startup and shutdown around a `yield`; the yielded object becomes `request.state`. */
  lifespan?: LifespanHandler<Typhoon>;
  /**
   * Milliseconds a request may take before its response starts (handler, dependencies and
   * middleware included); past it the client gets 504. Default 60 s; null turns it off.
   * Streams are not limited once started.
   */
  responseTimeout?: number | null;
  /** Where the OpenAPI document is served (default `/openapi.json`); null turns off it and the docs. */
  openapiUrl?: string | null;
  /** Where the Scalar docs page is served (default `/docs`); null turns it off. */
  docsUrl?: string | null;
  /** Title, theme and Scalar options of the docs page. */
  docs?: DocsPageOptions;
  summary?: string;
  termsOfService?: string;
  contact?: { name?: string; url?: string; email?: string };
  license?: { name: string; identifier?: string; url?: string };
  servers?: ServerDescription[];
  /** Tag metadata (descriptions, external docs), in display order. */
  openapiTags?: TagDescription[];
  externalDocs?: { url: string; description?: string };
  /** Webhooks documented under `webhooks` (OpenAPI 3.1). */
  webhooks?: OperationDescription[];
  /** JSON Schema of the 422 body, when `errorFormat` is a custom function. */
  errorSchema?: Record<string, unknown>;
  /** Last edit of the generated document (add vendor extensions, rename things ...). */
  openapiPostProcess?: (document: OpenAPIDocument) => OpenAPIDocument;
}
