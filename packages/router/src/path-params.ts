/**
 * The parameter names of a template, as a union of string literals:
 * `PathParamNames<"/items/{id}/x/{p:path}">` is `"id" | "p"`; a template without parameters
 * gives `never`; a template only known as `string` gives `string`.
 */
export type PathParamNames<S extends string> = string extends S ? string : ParamNamesOf<S>;

type ParamNamesOf<S extends string> = S extends `${string}{${infer Inner}}${infer Rest}`
  ? StripConvertor<Inner> | ParamNamesOf<Rest>
  : never;

type StripConvertor<Inner extends string> = Inner extends `${infer Name}:${string}` ? Name : Inner;
