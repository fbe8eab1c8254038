export { CleanupStack, type CleanupStackOptions, type ExitHandler } from "./cleanup-stack";
export {
  type DependencyScope,
  Depends,
  type DependsMarker,
  type DependsOptions,
  isDependsMarker,
  Security,
  type SecurityOptions,
} from "./depends";
export {
  CleanupStackError,
  DependencyCycleError,
  DependencyError,
  type DependencyErrorCode,
  DependencyGeneratorError,
  DependencyPlanError,
  isDependencyError,
} from "./errors";
export { DependencyOverrides, type ProviderLike } from "./overrides";
export { plan } from "./plan/plan";
export type {
  InputContext,
  InputResolver,
  Plan,
  PlanDependency,
  PlanNode,
  PlanOptions,
} from "./plan/types";
export {
  type DependencyOptions,
  dependency,
  isProvider,
  type Provider,
  type ProviderKind,
  toProvider,
} from "./provider";
export { SecurityScopes } from "./security-scopes";
export type {
  Cleanup,
  InferParam,
  InferParams,
  Injectable,
  StandardSchemaLike,
  Unwrap,
} from "./types";
