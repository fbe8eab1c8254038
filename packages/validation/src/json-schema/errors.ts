/** Thrown for a schema that JSON Schema cannot express; the message names where it is. */
export class JsonSchemaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "JsonSchemaError";
  }
}
