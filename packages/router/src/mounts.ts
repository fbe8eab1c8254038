import { InvalidTemplateError, RouteConflictError } from "./errors";
import type { MountMatch } from "./records";
import { parseTemplate } from "./template";

const SLASH = 47;

/** A mounted app under a static prefix (`""` stands for a mount at `/`). */
export interface MountRecord {
  readonly index: number;
  readonly prefix: string;
  readonly target: unknown;
  readonly name: string | undefined;
}

/**
 * Normalises a mount prefix like Starlette does (`/static/` is `/static`, `/` is the root)
 * and rejects what could never be matched literally.
 */
export function normaliseMountPrefix(prefix: string): string {
  const parsed = parseTemplate(prefix);
  if (!parsed.isStatic) {
    throw new InvalidTemplateError(prefix, "a mount prefix cannot contain parameters");
  }
  let end = prefix.length;
  while (end > 0 && prefix.charCodeAt(end - 1) === SLASH) end--;
  return prefix.slice(0, end);
}

/** True when every path the template can match lies under the prefix. */
export function isUnderPrefix(template: string, prefix: string): boolean {
  return prefix === "" || template === prefix || template.startsWith(`${prefix}/`);
}

/** The mounts in declaration order; the first one whose prefix covers the path wins. */
export class MountTable {
  readonly #mounts: MountRecord[] = [];

  get size(): number {
    return this.#mounts.length;
  }

  all(): readonly MountRecord[] {
    return this.#mounts;
  }

  add(record: MountRecord): void {
    const shadow = this.shadowing(record.prefix || "/", record.index);
    if (shadow !== undefined) {
      throw new RouteConflictError(
        "ROUTE_CONFLICT",
        `Mount ${record.prefix || "/"} can never match: mount ${shadow.prefix || "/"}, declared before it, takes all its paths`,
      );
    }
    this.#mounts.push(record);
  }

  /** The earlier mount that takes every path of `template` (so a route there is unreachable). */
  shadowing(template: string, beforeIndex: number): MountRecord | undefined {
    for (const mount of this.#mounts) {
      if (mount.index < beforeIndex && isUnderPrefix(template, mount.prefix)) return mount;
    }
    return undefined;
  }

  /** The first mount declared before `beforeIndex` whose prefix covers the path, or null. */
  match(path: string, beforeIndex: number): MountMatch | null {
    if (path.charCodeAt(0) !== SLASH) return null;
    for (const mount of this.#mounts) {
      if (mount.index > beforeIndex) break;
      const prefix = mount.prefix;
      if (!path.startsWith(prefix)) continue;
      if (path.length === prefix.length) {
        return { kind: "mount", target: mount.target, rootPath: prefix, path: "/" };
      }
      if (path.charCodeAt(prefix.length) !== SLASH) continue;
      return {
        kind: "mount",
        target: mount.target,
        rootPath: prefix,
        path: path.slice(prefix.length),
      };
    }
    return null;
  }
}
