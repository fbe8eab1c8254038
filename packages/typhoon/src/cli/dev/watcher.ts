import { type Dirent, type FSWatcher, readdirSync, statSync, watch } from "node:fs";
import path from "node:path";

export interface WatchOptions {
  /** Directories watched with everything below them. */
  roots: readonly string[];
  /** Called once per burst of changes, with the changed paths (absolute). */
  onChange(files: string[]): void;
  /** Milliseconds from the first change of a burst to `onChange`. Default 100. */
  debounceMs?: number;
  /** Directory names never watched. Default node_modules, dist, .git. */
  ignore?: readonly string[];
  /** Most directories watched (each costs an OS watch handle). Default 10 000. */
  maxDirectories?: number;
  onWarning?(message: string): void;
  /** Use one recursive watch per root (default where the OS does it natively: macOS, Windows). */
  recursive?: boolean;
}

export interface TreeWatcher {
  close(): void;
}

export const DEFAULT_IGNORE = ["node_modules", "dist", ".git"] as const;
const SOURCE_EXTENSIONS = new Set([
  ".ts",
  ".tsx",
  ".mts",
  ".cts",
  ".js",
  ".jsx",
  ".mjs",
  ".cjs",
  ".json",
]);

/** Source files and `.env*` files restart the app; editor swap files and the like do not. */
export function isWatchedFile(name: string): boolean {
  return SOURCE_EXTENSIONS.has(path.extname(name)) || name.startsWith(".env");
}

/**
 * Watches source trees for changes. Linux watches each directory (skipping ignored ones, so
 * node_modules costs nothing) and picks up new directories; macOS and Windows use the native
 * recursive watch and filter its events.
 */
export function watchTree(options: WatchOptions): TreeWatcher {
  const ignore = new Set<string>(options.ignore ?? DEFAULT_IGNORE);
  const debounceMs = options.debounceMs ?? 100;
  const maxDirectories = options.maxDirectories ?? 10_000;
  const recursive =
    options.recursive ?? (process.platform === "darwin" || process.platform === "win32");
  const watchers = new Map<string, FSWatcher>();
  const changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let warnedFull = false;

  const warn = (message: string) => options.onWarning?.(message);

  // Fires `debounceMs` after the first change of a burst (not the last), so a stream of writes
  // cannot postpone the restart forever.
  const schedule = (file: string) => {
    if (closed) return;
    changed.add(file);
    timer ??= setTimeout(() => {
      timer = undefined;
      const files = [...changed];
      changed.clear();
      if (!closed) options.onChange(files);
    }, debounceMs);
  };

  const ignored = (relative: string) => relative.split(/[\\/]/).some((part) => ignore.has(part));

  const add = (
    dir: string,
    onEvent: (event: string, name: string | null) => void,
    deep = false,
  ) => {
    if (watchers.size >= maxDirectories) {
      if (!warnedFull) warn(`Watching the first ${maxDirectories} directories only`);
      warnedFull = true;
      return false;
    }
    try {
      const watcher = watch(dir, { recursive: deep }, onEvent);
      watcher.on("error", () => {
        // The directory went away (or the OS revoked the watch): forget it.
        watcher.close();
        watchers.delete(dir);
      });
      watchers.set(dir, watcher);
      return true;
    } catch (error) {
      warn(`Cannot watch ${dir}: ${(error as Error).message}`);
      return false;
    }
  };

  // One watch per directory, found with an explicit stack (no recursion depth to run out of).
  const addTree = (top: string) => {
    const stack = [top];
    for (let dir = stack.pop(); dir !== undefined && !closed; dir = stack.pop()) {
      if (watchers.has(dir)) continue;
      if (!add(dir, (_event, name) => onDirEvent(dir as string, name))) return;
      let entries: Dirent[];
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      // Symlinked directories are not followed: no cycles, no watching outside the tree.
      for (const entry of entries) {
        if (entry.isDirectory() && !ignore.has(entry.name)) stack.push(path.join(dir, entry.name));
      }
    }
  };

  const onDirEvent = (dir: string, name: string | null) => {
    if (name === null) return schedule(dir);
    if (ignore.has(name)) return;
    const full = path.join(dir, name);
    if (isWatchedFile(name)) return schedule(full);
    if (!watchers.has(full) && isDirectory(full)) {
      addTree(full);
      // Files may have landed in it before its watch existed.
      schedule(full);
    }
  };

  for (const root of options.roots) {
    if (!recursive) addTree(root);
    else {
      add(
        root,
        (_event, name) => {
          if (name === null) return schedule(root);
          if (!ignored(name) && isWatchedFile(path.basename(name))) schedule(path.join(root, name));
        },
        true,
      );
    }
  }

  return {
    close() {
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}

function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}
