// `typhoon/params`: the types behind the parameter markers and dependencies, for code that is
// generic over them (the markers themselves, `Path`, `Query`, `Depends`..., are on the root).

export type { DependsMarker, InferParams, Provider } from "@typhoon/di";
export type {
  BodyOptions,
  FileMarker,
  FileOptions,
  HeaderOptions,
  ParamMarker,
  ParamOptions,
  ParamSource,
} from "./markers";
