import type { ErrorFormat } from "@typhoon/validation";
import type { TyphoonOptions } from "../app";
import type { DocumentInfo } from "./describe";

/** The document-level parts of the app's options. */
export function documentInfo(
  app: { title: string; version: string; description: string | undefined },
  options: TyphoonOptions,
): DocumentInfo {
  const info: DocumentInfo["info"] = { title: app.title, version: app.version };
  if (app.description !== undefined) info.description = app.description;
  if (options.summary !== undefined) info.summary = options.summary;
  if (options.termsOfService !== undefined) info.termsOfService = options.termsOfService;
  if (options.contact !== undefined) info.contact = options.contact;
  if (options.license !== undefined) info.license = options.license;
  const out: DocumentInfo = {
    info,
    errorFormat: (options.errorFormat ?? "fastapi") as ErrorFormat,
  };
  if (options.servers !== undefined) out.servers = options.servers;
  if (options.openapiTags !== undefined) out.tags = options.openapiTags;
  if (options.externalDocs !== undefined) out.externalDocs = options.externalDocs;
  if (options.webhooks !== undefined) out.webhooks = options.webhooks;
  if (options.errorSchema !== undefined) out.errorSchema = options.errorSchema;
  return out;
}
