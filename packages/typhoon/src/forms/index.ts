// Public names of the forms feature (the umbrella's index re-exports from here).

export {
  type EncodedMultipart,
  encodeMultipart,
  type MultipartFile,
  type MultipartValue,
} from "./encode-multipart";
export { type FormErrorCode, FormParseError } from "./errors";
export { FormData, type FormDataOptions, type FormValue } from "./form-data";
export {
  DEFAULT_FORM_LIMITS,
  type FormLimits,
  type FormOptions,
  type ResolvedFormLimits,
  resolveFormLimits,
} from "./limits";
export { parseForm, type ResolvedFormOptions, resolveFormOptions } from "./parse-form";
export { type UploadContent, UploadFile, type UploadFileInit } from "./upload-file";
