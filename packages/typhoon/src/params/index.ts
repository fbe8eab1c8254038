// `typhoon/params`: the option types of the parameter markers and the inference of a params
// object, for code that is generic over them (the markers, and the types they return, are on
// the root).

export type { InferParams } from "@typhoon/di";
export type {
  BodyOptions,
  FileOptions,
  HeaderOptions,
  ParamOptions,
  ParamSource,
} from "./markers";
