const SERVER_OPTIONS = `  --host <host>         interface to bind (default: $HOST or 127.0.0.1)
  --port <port>         port to bind, 0 for any free port (default: $PORT or 8000)
  --log-level <level>   debug | info | warn | error | silent (default: info)
  --root-path <path>    prefix the app is served under behind a proxy, e.g. /api`;

const MODULE = `  <module>[:export]     a .js or .ts file; the export defaults to "app", then the default export
                        (.ts loads through tsx when installed, else Node 22.18+'s type stripping)`;

export const USAGE: Readonly<Record<string, string>> = {
  general: `Usage: typhoon <command> [options]

Commands:
  run <module>[:export]      serve an app (production)
  dev <file>[:export]        serve an app from TypeScript, restarting when files change
  routes <module>[:export]   list the app's routes (--json for scripts)
  openapi <module>[:export]  print the app's OpenAPI document

Options:
  -h, --help       show help (also: typhoon <command> --help)
  -v, --version    print the version

Examples:
  typhoon dev src/app.ts
  typhoon run dist/app.js --host 0.0.0.0 --port 8000 --workers 4
  typhoon routes dist/app.js --json`,

  run: `Usage: typhoon run <module>[:export] [options]

Imports the module and serves its app until SIGTERM/SIGINT (then stops gracefully).

${MODULE}

Options:
${SERVER_OPTIONS}
  --workers <n>         processes serving the app (default: 1)
  --reload              restart on file changes (same as typhoon dev; not with --workers)
  -h, --help            show this help`,

  dev: `Usage: typhoon dev <file>[:export] [options]

Runs the app in a child process and restarts it when a source file changes
(node_modules, dist and .git are ignored).

${MODULE}

Options:
${SERVER_OPTIONS}
  --watch <dir>         directory to watch, repeatable (default: the working directory, or
                        the file's directory when the file is outside it)
  -h, --help            show this help`,

  routes: `Usage: typhoon routes <module>[:export] [--json]

Lists the app's routes: methods, path, name and tags.

${MODULE}

Options:
  --json                print a JSON array instead of a table
  -h, --help            show this help`,

  openapi: `Usage: typhoon openapi <module>[:export]

Prints the app's OpenAPI document as JSON.

${MODULE}

Options:
  -h, --help            show this help`,
};

export function usageOf(command: string | undefined): string {
  return USAGE[command ?? "general"] ?? (USAGE.general as string);
}
