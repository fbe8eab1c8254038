/**
 * `{{name}}` placeholders: in an expected response they match whatever the server sent there
 * (a token, a timestamp) and remember it; in a later request they are replaced by it.
 */
export type Bindings = Map<string, string>;

const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w-]*)\s*\}\}/g;
const WHOLE = /^\{\{\s*([A-Za-z_][\w-]*)\s*\}\}$/;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Replaces every `{{name}}` by its bound value; an unbound name is an error. */
export function substitute(text: string, bindings: Bindings): string {
  return text.replace(PLACEHOLDER, (_, name: string) => {
    const value = bindings.get(name);
    if (value === undefined) {
      throw new Error(`{{${name}}} is used before a response bound it`);
    }
    return value;
  });
}

/**
 * Matches `actual` against `expected`, whose `{{name}}`s match any text (a bound name matches
 * only its value). Returns the new bindings, or null when it does not match; `bindings` is
 * left untouched either way.
 */
export function matchText(
  expected: string,
  actual: string,
  bindings: Bindings,
): Map<string, string> | null {
  const groups: string[] = [];
  let pattern = "";
  let last = 0;
  for (const match of expected.matchAll(PLACEHOLDER)) {
    const name = match[1] as string;
    pattern += escapeRegExp(expected.slice(last, match.index));
    last = match.index + match[0].length;
    const bound = bindings.get(name);
    if (bound !== undefined) pattern += escapeRegExp(bound);
    else if (groups.includes(name)) pattern += `\\k<g${groups.indexOf(name)}>`;
    else {
      pattern += `(?<g${groups.length}>[\\s\\S]*?)`;
      groups.push(name);
    }
  }
  pattern += escapeRegExp(expected.slice(last));
  const result = new RegExp(`^${pattern}$`).exec(actual);
  if (result === null) return null;
  const found = new Map<string, string>();
  groups.forEach((name, index) => {
    found.set(name, result.groups?.[`g${index}`] ?? "");
  });
  return found;
}

function describe(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  return Array.isArray(value) ? "array" : typeof value;
}

/**
 * Compares parsed JSON: same values, same keys in the same order (the guide shows what the
 * server sends). A string that is exactly `{{name}}` matches any value; other strings with
 * placeholders match strings. Returns the problems found (empty when it matches) and binds
 * the placeholders only when everything matched.
 */
export function matchJson(expected: unknown, actual: unknown, bindings: Bindings): string[] {
  const found = new Map<string, string>();
  const problems: string[] = [];
  const lookup = (name: string) => bindings.get(name) ?? found.get(name);

  const visit = (want: unknown, got: unknown, at: string): void => {
    if (typeof want === "string") {
      const whole = WHOLE.exec(want);
      if (whole !== null) {
        const name = whole[1] as string;
        const text = typeof got === "string" ? got : describe(got);
        const bound = lookup(name);
        if (bound === undefined) found.set(name, text);
        else if (bound !== text)
          problems.push(`${at}: expected {{${name}}} = ${describe(bound)}, got ${describe(got)}`);
        return;
      }
      if (typeof got !== "string") {
        problems.push(`${at}: expected ${describe(want)}, got ${describe(got)}`);
        return;
      }
      const merged = new Map([...bindings, ...found]);
      const matched = matchText(want, got, merged);
      if (matched === null)
        problems.push(`${at}: expected ${describe(want)}, got ${describe(got)}`);
      else for (const [name, value] of matched) found.set(name, value);
      return;
    }
    if (typeName(want) !== typeName(got)) {
      problems.push(`${at}: expected ${describe(want)}, got ${describe(got)}`);
      return;
    }
    if (Array.isArray(want)) {
      const list = got as unknown[];
      if (want.length !== list.length) {
        problems.push(`${at}: expected ${want.length} items, got ${list.length}: ${describe(got)}`);
        return;
      }
      want.forEach((item, index) => {
        visit(item, list[index], `${at}[${index}]`);
      });
      return;
    }
    if (typeof want === "object" && want !== null) {
      const wantKeys = Object.keys(want);
      const gotKeys = Object.keys(got as object);
      if (wantKeys.join("\u0000") !== gotKeys.join("\u0000")) {
        problems.push(`${at}: expected keys [${wantKeys}], got [${gotKeys}]: ${describe(got)}`);
        return;
      }
      for (const key of wantKeys) {
        visit(
          (want as Record<string, unknown>)[key],
          (got as Record<string, unknown>)[key],
          `${at}.${key}`,
        );
      }
      return;
    }
    if (!Object.is(want, got))
      problems.push(`${at}: expected ${describe(want)}, got ${describe(got)}`);
  };

  visit(expected, actual, "body");
  if (problems.length === 0) for (const [name, value] of found) bindings.set(name, value);
  return problems;
}
