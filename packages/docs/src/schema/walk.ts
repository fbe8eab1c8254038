import type { GenericSchema } from "valibot";

/** The parts of a valibot schema the document passes read (structural, like the converter). */
export interface SchemaNode {
  kind: string;
  type: string;
  pipe?: SchemaNode[];
  wrapped?: SchemaNode;
  entries?: Record<string, SchemaNode>;
  rest?: SchemaNode;
  item?: SchemaNode;
  items?: SchemaNode[];
  options?: unknown[];
  key?: unknown;
  value?: SchemaNode;
  literal?: unknown;
  getter?: (input: unknown) => SchemaNode;
}

const MAX_NODES = 100_000;

export const isSchemaNode = (value: unknown): value is SchemaNode =>
  typeof value === "object" &&
  value !== null &&
  (value as SchemaNode).kind === "schema" &&
  typeof (value as SchemaNode).type === "string";

/** The schema a pipe starts with. */
export function pipeRoot(s: SchemaNode): SchemaNode {
  for (let guard = 0; s.pipe !== undefined && s.pipe.length > 0 && s.pipe[0] !== s; guard++) {
    if (guard > 1000) break;
    s = s.pipe[0]!;
  }
  return s;
}

/**
 * Visits every schema reachable from `roots` once (through pipes, wrappers, entries, items,
 * options, records and lazy getters; cycles cut), up to a generous bound.
 */
export function walkSchemas(
  roots: readonly GenericSchema[],
  visit: (schema: SchemaNode) => void,
): void {
  const seen = new Set<SchemaNode>();
  const stack: unknown[] = [...roots];
  while (stack.length > 0 && seen.size < MAX_NODES) {
    const s = stack.pop();
    if (!isSchemaNode(s) || seen.has(s)) continue;
    seen.add(s);
    visit(s);
    if (s.pipe !== undefined) stack.push(...s.pipe.filter((item) => item !== s));
    stack.push(s.wrapped, s.rest, s.item, s.key, s.value, ...(s.items ?? []));
    stack.push(...Object.values(s.entries ?? {}), ...(s.options ?? []));
    if (s.type === "lazy" && s.getter !== undefined) stack.push(s.getter(undefined));
  }
}
