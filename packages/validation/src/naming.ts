import type { GenericSchema } from "valibot";

const names = new WeakMap<object, string>();
const NAME_RE = /^[A-Za-z0-9._-]+$/;

/**
 * Names a schema for the OpenAPI document: it lands in `components/schemas/<name>` and is
 * referenced with `$ref`. Returns the same schema object (nothing is wrapped or copied), so
 * name the exact object the routes use; a `v.pipe(...)` around it is a new, unnamed schema.
 */
export function named<S extends GenericSchema>(name: string, schema: S): S {
  if (!NAME_RE.test(name)) {
    throw new TypeError(
      `Invalid schema name "${name}": use letters, digits, ".", "_" or "-" (OpenAPI component names)`,
    );
  }
  const existing = names.get(schema);
  if (existing !== undefined && existing !== name) {
    throw new TypeError(`This schema is already named "${existing}"; cannot rename it "${name}"`);
  }
  names.set(schema, name);
  return schema;
}

/** The name given with {@link named}, if any. */
export function getName(schema: GenericSchema): string | undefined {
  return names.get(schema);
}
