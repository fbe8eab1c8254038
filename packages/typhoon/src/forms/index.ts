// `typhoon/forms`: parsing forms and uploads outside a route, and their limits and errors
// (`UploadFile` and the `Form`/`File` markers are on the root entry).

export { encodeMultipart, type MultipartFile } from "./encode-multipart";
export { type FormErrorCode, FormParseError } from "./errors";
export { FormData } from "./form-data";
export { DEFAULT_FORM_LIMITS, type FormLimits, type FormOptions } from "./limits";
export { parseForm } from "./parse-form";
