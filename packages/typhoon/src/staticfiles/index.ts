export { StaticFiles, type StaticFilesOptions } from "./static-files";
