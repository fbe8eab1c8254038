import { getGlobalConfig } from "valibot";
import type { ErrorItem, SchemaView } from "../types";
import { choiceNode, unionNode, variantNode } from "./choices";
import { arrayNode, recordNode, tupleNode } from "./collections";
import { isWrapper } from "./introspect";
import type { Node } from "./node";
import { objectNode } from "./objects";
import { pipeNode } from "./pipe";
import {
  anyNode,
  bigintNode,
  booleanNode,
  dateNode,
  floatNode,
  nullNode,
  stringNode,
} from "./scalars";
import { fail, INVALID } from "./state";
import { fallbackNode, lazyNode, valibotNode, wrapperNode } from "./wrappers";

const cache = new WeakMap<object, Node>();

/**
 * Compiles a valibot schema into a {@link Node} once; later calls with the same schema object
 * return the same node. Async schemas are refused: request validation here is synchronous.
 */
export function compileNode(schema: SchemaView): Node {
  const cached = cache.get(schema);
  if (cached !== undefined) return cached;
  if (schema === null || typeof schema !== "object" || typeof schema["~run"] !== "function") {
    throw new TypeError(
      `Expected a valibot schema, got ${schema === null ? "null" : typeof schema}`,
    );
  }
  if (schema.async === true) {
    throw new TypeError(
      `Async valibot schemas (type "${schema.type}") are not supported: request validation is synchronous. Use the sync variant (v.pipe, v.check, v.object ...).`,
    );
  }
  const built = build(schema);
  const node =
    schema.message !== undefined && isNative(schema) ? withMessage(built, schema) : built;
  cache.set(schema, node);
  return node;
}

const NATIVE = new Set([
  "string",
  "number",
  "bigint",
  "boolean",
  "date",
  "null",
  "literal",
  "picklist",
  "enum",
  "object",
  "loose_object",
  "strict_object",
  "object_with_rest",
  "array",
  "tuple",
  "loose_tuple",
  "strict_tuple",
  "tuple_with_rest",
  "record",
  "union",
  "variant",
]);

function isNative(s: SchemaView): boolean {
  return s.pipe === undefined && s.fallback === undefined && NATIVE.has(s.type);
}

/** A schema's own message (`v.string("Name must be text")`) replaces the wording of its type errors. */
function withMessage(node: Node, s: SchemaView): Node {
  const message = s.message;
  return (input, st) => {
    const mark = st.errors.length;
    const depth = st.path.length;
    const out = node(input, st);
    if (out !== INVALID) return out;
    for (let i = mark; i < st.errors.length; i++) {
      const error = st.errors[i] as ErrorItem;
      if (error.loc.length !== depth) continue;
      error.msg =
        typeof message === "function"
          ? String(
              message({
                kind: "schema",
                type: s.type,
                input,
                expected: s.expects ?? null,
                received: String(input),
                message: "",
              }),
            )
          : String(message);
    }
    return out;
  };
}

function build(s: SchemaView): Node {
  const config = getGlobalConfig();
  if (s.fallback !== undefined) return fallbackNode(s, compileNode, config);
  if (s.pipe !== undefined) return pipeNode(s, compileNode, config);
  if (isWrapper(s)) return wrapperNode(s, compileNode);
  switch (s.type) {
    case "string":
      return stringNode;
    case "number":
      return floatNode;
    case "bigint":
      return bigintNode;
    case "boolean":
      return booleanNode;
    case "date":
      return dateNode;
    case "null":
      return nullNode;
    case "any":
    case "unknown":
      return anyNode;
    case "literal":
      return choiceNode([s.literal], "literal_error");
    case "picklist":
      return choiceNode(s.options ?? [], "literal_error");
    case "enum":
      return choiceNode(s.options ?? [], "enum");
    case "object":
    case "loose_object":
    case "strict_object":
    case "object_with_rest":
      return objectNode(s, compileNode);
    case "array":
      return arrayNode(s, compileNode);
    case "tuple":
    case "loose_tuple":
    case "strict_tuple":
    case "tuple_with_rest":
      return tupleNode(s, compileNode);
    case "record":
      return recordNode(s, compileNode);
    case "union":
      return unionNode(s, compileNode);
    case "variant":
      return variantNode(s, compileNode);
    case "lazy":
      return lazyNode(s, compileNode);
    default:
      if (s["~coerce"] !== undefined) return coercedNode(s["~coerce"]);
      return valibotNode(s, config);
  }
}

/** A schema that brings its own coercion (datetime, time, timedelta): its errors are pydantic's. */
function coercedNode(coerce: NonNullable<SchemaView["~coerce"]>): Node {
  return (input, st) => {
    const out = coerce(input, st.lax);
    return out.ok ? out.value : fail(st, out.type, out.msg, input, out.ctx);
  };
}
