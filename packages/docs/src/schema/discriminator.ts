// @typhoon/validation turns v.variant into a plain `oneOf`. OpenAPI (and pydantic, for
// discriminated unions) adds `discriminator: { propertyName, mapping }`, which tools use to
// pick the option. The conversion callback cannot add it without re-entering the converter
// (and looping on recursive schemas), so this pass adds it afterwards: it indexes the
// variants of every converted schema, then finds their `oneOf` in the finished document.
import { getName } from "@typhoon/validation";
import type { GenericSchema } from "valibot";
import { isSchemaNode, pipeRoot, type SchemaNode, walkSchemas } from "./walk";

interface Candidate {
  key: string;
  /** The discriminator value(s) of each option, in option order. */
  values: string[][];
}

const REF_PREFIX = "#/components/schemas/";

/** Values a discriminator key schema accepts, as mapping keys; undefined if not a fixed set. */
function keyValues(keySchema: SchemaNode | undefined): string[] | undefined {
  if (keySchema === undefined) return undefined;
  const s = pipeRoot(keySchema);
  if (s.type === "literal") return isMappable(s.literal) ? [String(s.literal)] : undefined;
  if ((s.type === "picklist" || s.type === "enum") && Array.isArray(s.options)) {
    return s.options.every(isMappable) ? s.options.map(String) : undefined;
  }
  return undefined;
}

const isMappable = (v: unknown) =>
  typeof v === "string" || (typeof v === "number" && Number.isFinite(v)) || typeof v === "boolean";

/** Indexes the variants whose options are all named, by the list of option names. */
function indexVariants(roots: readonly GenericSchema[]): Map<string, Candidate[]> {
  const byNames = new Map<string, Candidate[]>();
  walkSchemas(roots, (s) => {
    if (s.type !== "variant" || typeof s.key !== "string") return;
    const key = s.key;
    const options = (s.options ?? []).filter(isSchemaNode);
    const names = options.map((o) => getName(o as unknown as GenericSchema));
    const values = options.map((o) => keyValues(pipeRoot(o).entries?.[key]));
    if (names.some((n) => n === undefined) || values.some((v) => v === undefined)) return;
    const signature = names.join("\n");
    const list = byNames.get(signature) ?? [];
    list.push({ key, values: values as string[][] });
    byNames.set(signature, list);
  });
  return byNames;
}

/** `Cat`, or `Cat` for `Cat-Input`/`Cat-Output` when only the base name is a schema name. */
function baseName(ref: string, names: ReadonlySet<string>): string {
  const name = ref.slice(REF_PREFIX.length);
  if (names.has(name)) return name;
  return name.replace(/-(Input|Output)$/, "");
}

/**
 * Adds `discriminator` to every `oneOf` that came from a `v.variant` whose options are all
 * named schemas with a literal/picklist key. Options written inline get no discriminator:
 * their literal `const`s already make the `oneOf` exact. Mutates `doc`.
 */
export function addDiscriminators(doc: object, roots: readonly GenericSchema[]): void {
  const variants = indexVariants(roots);
  if (variants.size === 0) return;
  const names = new Set<string>();
  for (const signature of variants.keys()) for (const n of signature.split("\n")) names.add(n);
  const stack: unknown[] = [doc];
  let visited = 0;
  while (stack.length > 0 && visited++ < 1_000_000) {
    const node = stack.pop();
    if (typeof node !== "object" || node === null) continue;
    if (Array.isArray(node)) {
      stack.push(...node);
      continue;
    }
    const obj = node as Record<string, unknown>;
    stack.push(...Object.values(obj));
    const oneOf = obj.oneOf;
    if (!Array.isArray(oneOf) || obj.discriminator !== undefined) continue;
    const refs = oneOf.map((o) => (o as { $ref?: unknown } | null)?.$ref);
    if (!refs.every((r): r is string => typeof r === "string" && r.startsWith(REF_PREFIX))) {
      continue;
    }
    const candidates = variants.get(refs.map((r) => baseName(r, names)).join("\n"));
    const first = candidates?.[0];
    if (first === undefined || candidates!.some((c) => c.key !== first.key)) continue;
    const mapping = new Map<string, string>();
    let clash = false;
    first.values.forEach((values, i) => {
      for (const value of values) {
        if (mapping.has(value)) clash = true;
        mapping.set(value, refs[i]!);
      }
    });
    // fromEntries: a "__proto__" value stays an ordinary key.
    if (!clash)
      obj.discriminator = { propertyName: first.key, mapping: Object.fromEntries(mapping) };
  }
}
