import type { CliContext } from "../context";
import { CliError } from "../errors";
import { describe, type LoadedApp, loadApp } from "../load-app";

/** One line of `typhoon routes`; `--json` prints an array of these. */
export interface RouteInfo {
  kind: "http" | "websocket" | "mount";
  /** HTTP methods; `[]` for WebSocket routes and mounts. */
  methods: string[];
  path: string;
  /** The name for `app.urlFor`, if the route has one. */
  name: string | null;
  /** Tags merged from the route and every router it was included through. */
  tags: string[];
  summary: string | null;
  deprecated: boolean;
  includeInSchema: boolean;
}

/** What this command reads from a Typhoon app (structurally: the app may come from another copy of the package). */
interface AppShape {
  build(): { readonly routes: readonly PlannedShape[] };
  readonly group?: { items(): readonly ItemShape[] };
}
interface PlannedShape {
  readonly methods: readonly string[];
  readonly path: string;
  readonly def: { readonly options: { readonly name?: string; readonly summary?: string } };
  readonly merged: {
    readonly tags: readonly string[];
    readonly deprecated: boolean;
    readonly includeInSchema: boolean;
  };
}
interface ItemShape {
  readonly kind: "route" | "mount";
  readonly path: string;
  readonly name?: string;
  readonly route?: { readonly kind?: string };
}

/** `typhoon routes`: a table, or JSON for scripts. */
export async function routesCommand(
  command: { target: string; json: boolean },
  ctx: CliContext,
): Promise<number> {
  const routes = collectRoutes(await loadApp(command.target, ctx.cwd));
  ctx.stdout(command.json ? `${JSON.stringify(routes, null, 2)}\n` : formatTable(routes));
  return 0;
}

export function collectRoutes(loaded: LoadedApp): RouteInfo[] {
  const app = loaded.app as Partial<AppShape> | null;
  if (typeof app?.build !== "function") {
    throw new CliError(
      `"${loaded.label}" is not a Typhoon app (no build()): got ${describe(loaded.app)}`,
    );
  }
  let built: ReturnType<AppShape["build"]>;
  try {
    built = app.build();
  } catch (error) {
    throw new CliError(`The app's routes are invalid: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const routes: RouteInfo[] = built.routes.map((route) => ({
    kind: "http",
    methods: [...route.methods],
    path: route.path,
    name: route.def.options.name ?? null,
    tags: [...route.merged.tags],
    summary: route.def.options.summary ?? null,
    deprecated: route.merged.deprecated,
    includeInSchema: route.merged.includeInSchema,
  }));
  // WebSocket routes and mounts are not in `routes`: read them from the declarations.
  for (const item of app.group?.items() ?? []) {
    const websocket = item.kind === "route" && item.route?.kind === "websocket";
    if (!websocket && item.kind !== "mount") continue;
    routes.push({
      kind: websocket ? "websocket" : "mount",
      methods: [],
      path: item.path,
      name: item.name ?? null,
      tags: [],
      summary: null,
      deprecated: false,
      includeInSchema: false,
    });
  }
  return routes;
}

const KIND_LABEL = { websocket: "WS", mount: "MOUNT" } as const;

export function formatTable(routes: readonly RouteInfo[]): string {
  if (routes.length === 0) return "No routes.\n";
  const rows = routes.map((route) => [
    route.kind === "http" ? route.methods.join(",") : KIND_LABEL[route.kind],
    route.deprecated ? `${route.path} (deprecated)` : route.path,
    route.name ?? "-",
    route.tags.length > 0 ? route.tags.join(",") : "-",
  ]);
  const table = [["METHODS", "PATH", "NAME", "TAGS"], ...rows];
  const widths = [0, 1, 2].map((column) =>
    Math.max(...table.map((row) => (row[column] as string).length)),
  );
  const lines = table.map((row) =>
    row
      .map((cell, column) => (column < 3 ? cell.padEnd((widths[column] as number) + 2) : cell))
      .join("")
      .trimEnd(),
  );
  return `${lines.join("\n")}\n`;
}
