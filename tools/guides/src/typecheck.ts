import path from "node:path";
import ts from "typescript";
import { type Guide, locate } from "./guide";

/**
 * Typechecks the files written by `writeWorkspace` with their tsconfig (the repository's
 * strict settings; "typhoon" resolves to the workspace package's sources). Returns one line
 * per problem in those files, pointing at the guide's own line:
 * `docs/x.md:12:5 TS2345 message`.
 */
export function typecheck(guides: readonly Guide[], root: string): string[] {
  const configFile = path.join(root, "tsconfig.json");
  const host: ts.ParseConfigFileHost = {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
    },
  };
  const config = ts.getParsedCommandLineOfConfigFile(configFile, {}, host);
  if (config === undefined) throw new Error(`cannot read ${configFile}`);
  const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
  // Only the guides' own files: the packages they import have their own typecheck (and may be
  // mid-edit by someone else while this runs).
  const diagnostics: ts.Diagnostic[] = [
    ...config.errors,
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
  ];
  for (const fileName of config.fileNames) {
    const sourceFile = program.getSourceFile(fileName);
    if (sourceFile === undefined) continue;
    diagnostics.push(
      ...program.getSyntacticDiagnostics(sourceFile),
      ...program.getSemanticDiagnostics(sourceFile),
    );
  }
  return diagnostics.map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n  ");
    const code = `TS${diagnostic.code}`;
    if (diagnostic.file === undefined || diagnostic.start === undefined) {
      return `${code} ${message}`;
    }
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    const where =
      locate(guides, root, diagnostic.file.fileName, line + 1) ??
      `${diagnostic.file.fileName}:${line + 1}`;
    return `${where}:${character + 1} ${code} ${message}`;
  });
}
