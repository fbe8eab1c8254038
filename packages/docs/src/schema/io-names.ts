// @typhoon/validation stores a named schema as `<Name>-Input`/`<Name>-Output` whenever its
// two forms differ, even when the document only ever uses one of them. FastAPI (pydantic)
// suffixes only when both forms appear; this pass gives an unpaired one its plain name back.
import { getName } from "@typhoon/validation";
import type { GenericSchema } from "valibot";
import { walkSchemas } from "./walk";

const REF_PREFIX = "#/components/schemas/";

/** Component renames (`Item-Input` → `Item`) for suffixed names whose twin is absent. */
export function unpairedIoRenames(
  componentNames: readonly string[],
  roots: readonly GenericSchema[],
): Map<string, string> {
  const present = new Set(componentNames);
  const given = new Set<string>();
  walkSchemas(roots, (s) => {
    const name = getName(s as unknown as GenericSchema);
    if (name !== undefined) given.add(name);
  });
  const renames = new Map<string, string>();
  for (const name of componentNames) {
    const match = /^(.+)-(Input|Output)$/.exec(name);
    if (match === null || given.has(name)) continue; // a name the user chose is kept
    const base = match[1]!;
    const twin = `${base}-${match[2] === "Input" ? "Output" : "Input"}`;
    if (given.has(base) && !present.has(twin) && !present.has(base)) renames.set(name, base);
  }
  return renames;
}

/** Rewrites every `$ref` to a renamed component, in place. */
export function rewriteRefs(doc: unknown, renames: ReadonlyMap<string, string>): void {
  if (renames.size === 0) return;
  const stack: unknown[] = [doc];
  for (let visited = 0; stack.length > 0 && visited < 1_000_000; visited++) {
    const node = stack.pop();
    if (typeof node !== "object" || node === null) continue;
    if (Array.isArray(node)) {
      stack.push(...node);
      continue;
    }
    const obj = node as Record<string, unknown>;
    const ref = obj.$ref;
    if (typeof ref === "string" && ref.startsWith(REF_PREFIX)) {
      const renamed = renames.get(ref.slice(REF_PREFIX.length));
      if (renamed !== undefined) obj.$ref = REF_PREFIX + renamed;
    }
    stack.push(...Object.values(obj));
  }
}
