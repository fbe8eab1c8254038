import { TyphoonValidationError } from "../errors/base";

/** Thrown for a schema that JSON Schema cannot express; the message names where it is. */
export class JsonSchemaError extends TyphoonValidationError {
  constructor(message: string) {
    super("JSON_SCHEMA_UNSUPPORTED", message);
  }
}
