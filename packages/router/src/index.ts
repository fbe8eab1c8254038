export {
  InvalidTemplateError,
  isRouterError,
  RouteConflictError,
  RouterError,
  type RouterErrorCode,
  UrlForError,
} from "./errors";
export {
  type FlatItem,
  type FlatMount,
  type FlatRoute,
  type GroupRoute,
  type IncludeOptions,
  RouteGroup,
  type RouteGroupInit,
} from "./group";
export type { PathParamNames } from "./path-params";
export type { FullMatch, MatchResult, MountMatch, PartialMatch } from "./records";
export {
  type AddRouteOptions,
  type MountOptions,
  type RouteInfo,
  Router,
  type RouterOptions,
} from "./router";
export { type ParsedTemplate, parseTemplate, type TemplateSegment } from "./template";
export type { UrlParams } from "./url-for";
