// Stands in for the package name in the examples ("./typhoon" reads as "typhoon" in the docs)
// until the lead re-exports the forms names from src/index.ts.
export { FormParseError, parseForm, UploadFile } from "../../../src/forms/index";
export { Request, type ServerApp, Typhoon } from "../../../src/index";
