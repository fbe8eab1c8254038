export type { BodyOptions, BodyValidator } from "./body";
export { compileBody, validate } from "./body";
export type { ValidationErrorCode } from "./errors/base";
export { isTyphoonValidationError, TyphoonValidationError } from "./errors/base";
export type { ErrorResponseSchema } from "./errors/error-schemas";
export { validationErrorSchemas } from "./errors/error-schemas";
export type { ErrorFormat, RenderedError } from "./errors/render";
export { renderValidationErrors } from "./errors/render";
export type {
  RequestValidationErrorOptions,
  ResponseValidationErrorOptions,
} from "./errors/validation-error";
export { RequestValidationError, ResponseValidationError } from "./errors/validation-error";
export type { FieldOptions, FieldValidator, ModelFields, ModelFieldsOptions } from "./fields";
export { compileField, compileModelFields } from "./fields";
export type { Jsonable, JsonableEncoderOptions } from "./json/jsonable-encoder";
export { jsonableEncoder } from "./json/jsonable-encoder";
export { parseJson } from "./json/parse-json";
export { JsonSchemaError } from "./json-schema/errors";
export type { JsonSchemaOptions } from "./json-schema/to-json-schema";
export { toJsonSchema } from "./json-schema/to-json-schema";
export { getName, named } from "./naming";
export type { ResponseFilter, ResponseOptions, ResponseResult } from "./response";
export { compileResponse } from "./response";
export { schemaShape } from "./shape";
export { Duration } from "./temporal/duration";
export type { TemporalIssue, TemporalSchema } from "./temporal/schemas";
export { datetime, time, timedelta } from "./temporal/schemas";
export type { ErrorItem, Loc, Location } from "./types";
