export { type BuildOpenAPIOptions, buildOpenAPI, OPENAPI_DIALECT } from "./build";
export type {
  ApiDescription,
  ApiInfo,
  BodyContentDescription,
  BodyFieldDescription,
  BodyFieldsDescription,
  ErrorFormatDescription,
  ExternalDocs,
  HttpMethod,
  JsonSchema,
  OperationDescription,
  ParameterDescription,
  RequestBodyDescription,
  ResponseDescription,
  ResponseHeaderDescription,
  SecurityRequirementDescription,
  SecuritySchemeDescription,
  ServerDescription,
  TagDescription,
} from "./description";
export { OpenAPIError, type OpenAPIErrorCode } from "./errors";
export type {
  JsonObject,
  JsonValue,
  OpenAPIDocument,
  OpenAPIOperation,
  OpenAPIPathItem,
} from "./openapi-types";
export { generateOperationId, summaryFromName } from "./operation/naming";
export {
  installedScalarBundle,
  type ScalarBundle,
  scalarBundle,
  scalarBundlePath,
} from "./scalar/bundle";
export { SCALAR_CDN, SCALAR_OFFLINE_HINT } from "./scalar/cdn";
export {
  type ScalarConfiguration,
  type ScalarHtmlOptions,
  type ScalarTheme,
  scalarDefaults,
  scalarHtml,
} from "./scalar/html";
