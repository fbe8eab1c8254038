import { InvalidTemplateError } from "./errors";

/** One part of a template between two slashes. */
export type TemplateSegment =
  | { readonly kind: "static"; readonly value: string }
  | { readonly kind: "param"; readonly name: string }
  | { readonly kind: "catchAll"; readonly name: string };

/** A validated path template, ready to be inserted in the matcher. */
export interface ParsedTemplate {
  readonly template: string;
  /** The parts after the leading `/`, split on `/` (`"/"` gives one empty static segment). */
  readonly segments: readonly TemplateSegment[];
  /** Every parameter name in order of appearance, the catch-all included. */
  readonly params: readonly string[];
  /** Name of the trailing `{name:path}` parameter, or null. */
  readonly catchAll: string | null;
  /** True when the template has no parameter at all (served from the static map). */
  readonly isStatic: boolean;
  /** The template with parameter names erased (`/a/{}/{*}`): two templates with one shape match the same paths. */
  readonly shape: string;
}

const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
// With the `u` flag a surrogate pair is one code point, so this only finds unpaired halves.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * Parses and validates an OpenAPI-style template such as `/items/{item_id}` or
 * `/files/{file_path:path}`. Throws `InvalidTemplateError` with the reason on bad input.
 */
export function parseTemplate(template: string): ParsedTemplate {
  if (typeof template !== "string") {
    throw new InvalidTemplateError(String(template), "a template must be a string");
  }
  if (!template.startsWith("/")) {
    throw new InvalidTemplateError(template, 'it must start with "/"');
  }
  if (LONE_SURROGATE.test(template)) {
    throw new InvalidTemplateError(template, "it is not well-formed Unicode (lone surrogate)");
  }
  const parts = template.slice(1).split("/");
  const segments: TemplateSegment[] = [];
  const params: string[] = [];
  let catchAll: string | null = null;
  for (let i = 0; i < parts.length; i++) {
    const segment = parseSegment(template, parts[i]!);
    if (segment.kind !== "static") {
      if (params.includes(segment.name)) {
        throw new InvalidTemplateError(template, `parameter "${segment.name}" appears twice`);
      }
      params.push(segment.name);
      if (segment.kind === "catchAll") {
        if (i !== parts.length - 1) {
          throw new InvalidTemplateError(
            template,
            `the catch-all "{${segment.name}:path}" must be the last segment`,
          );
        }
        catchAll = segment.name;
      }
    }
    segments.push(segment);
  }
  return {
    template,
    segments,
    params,
    catchAll,
    isStatic: params.length === 0,
    shape: `/${segments.map(shapeOf).join("/")}`,
  };
}

function parseSegment(template: string, part: string): TemplateSegment {
  const open = part.indexOf("{");
  const close = part.indexOf("}");
  if (open === -1 && close === -1) return { kind: "static", value: part };
  const balanced =
    open !== -1 &&
    close > open &&
    part.indexOf("{", open + 1) === -1 &&
    part.indexOf("}", close + 1) === -1;
  if (!balanced) {
    throw new InvalidTemplateError(template, `unbalanced braces in segment "${part}"`);
  }
  if (open !== 0 || close !== part.length - 1) {
    throw new InvalidTemplateError(
      template,
      `a parameter must fill a whole path segment (got "${part}")`,
    );
  }
  const inner = part.slice(1, -1);
  if (inner === "") throw new InvalidTemplateError(template, "empty parameter {}");
  const colon = inner.indexOf(":");
  const name = colon === -1 ? inner : inner.slice(0, colon);
  if (!PARAM_NAME.test(name)) {
    throw new InvalidTemplateError(
      template,
      `parameter name "${name}" must match [A-Za-z_][A-Za-z0-9_]*`,
    );
  }
  if (colon === -1) return { kind: "param", name };
  const convertor = inner.slice(colon + 1);
  if (convertor !== "path") {
    throw new InvalidTemplateError(
      template,
      `unknown convertor "${convertor}" in "{${inner}}": only ":path" is supported (types come from the param's schema)`,
    );
  }
  return { kind: "catchAll", name };
}

function shapeOf(segment: TemplateSegment): string {
  if (segment.kind === "static") return segment.value;
  return segment.kind === "param" ? "{}" : "{*}";
}
