import type { DependsMarker } from "@typhoon/di";
import type { SharedRouteOptions } from "../routing/types";

/** Route options after merging the chain of routers it was included through. */
export interface MergedOptions {
  tags: string[];
  dependencies: DependsMarker<unknown>[];
  responses: NonNullable<SharedRouteOptions["responses"]>;
  deprecated: boolean;
  includeInSchema: boolean;
  /** Undefined when no router or route sets it: the app's setting applies. */
  strictContentType: boolean | undefined;
}

export function mergeOptions(
  chain: readonly SharedRouteOptions[],
  own: SharedRouteOptions,
): MergedOptions {
  const merged: MergedOptions = {
    tags: [],
    dependencies: [],
    responses: {},
    deprecated: false,
    includeInSchema: true,
    strictContentType: undefined,
  };
  for (const options of [...chain, own]) {
    for (const tag of options.tags ?? []) if (!merged.tags.includes(tag)) merged.tags.push(tag);
    merged.dependencies.push(...(options.dependencies ?? []));
    Object.assign(merged.responses, options.responses);
    if (options.deprecated) merged.deprecated = true;
    if (options.includeInSchema === false) merged.includeInSchema = false;
    if (options.strictContentType !== undefined)
      merged.strictContentType = options.strictContentType;
  }
  return merged;
}
