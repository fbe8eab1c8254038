// Locates a JSON syntax error the way Python's json module reports it (FastAPI's
// `json_invalid` ctx.error and loc offset). Runs only after JSON.parse failed, iteratively,
// so nesting depth cannot overflow the stack.

export interface JsonSyntaxError {
  /** Python's message, e.g. "Expecting value", "Expecting ',' delimiter". */
  message: string;
  /** Offset in code points (Python's str index) of the error. */
  position: number;
}

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const NUMBER_RE = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?/y;
const HEX4_RE = /^[0-9a-fA-F]{4}$/;

class Stop {
  constructor(
    readonly message: string,
    readonly index: number,
  ) {}
}

function skipSpace(s: string, i: number): number {
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  return i;
}

/** Scans a string starting at the opening quote; returns the index after the closing quote. */
function scanString(s: string, quote: number): number {
  let i = quote + 1;
  for (;;) {
    if (i >= s.length) throw new Stop("Unterminated string starting at", quote);
    const c = s.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c < 0x20) throw new Stop("Invalid control character at", i);
    if (c !== 0x5c) {
      i++;
      continue;
    }
    const e = s[i + 1];
    if (e === undefined) throw new Stop("Unterminated string starting at", quote);
    if (e === "u") {
      if (!HEX4_RE.test(s.slice(i + 2, i + 6))) throw new Stop("Invalid \\uXXXX escape", i + 1);
      i += 6;
    } else if ('"\\/bfnrt'.includes(e)) i += 2;
    else throw new Stop("Invalid \\escape", i);
  }
}

/** Scans one value at `i` (whitespace skipped by the caller); returns the index after it. */
function scanScalar(s: string, i: number): number {
  const c = s[i];
  if (c === '"') return scanString(s, i);
  for (const word of ["null", "true", "false"]) {
    if (s.startsWith(word, i)) return i + word.length;
  }
  NUMBER_RE.lastIndex = i;
  if (NUMBER_RE.test(s)) return NUMBER_RE.lastIndex;
  throw new Stop("Expecting value", i);
}

type Frame = "object" | "array";

function scan(s: string): void {
  const stack: Frame[] = [];
  let i = skipSpace(s, 0);
  // Each iteration reads one value, then closes as many containers as it can.
  for (;;) {
    if (i >= s.length) throw new Stop("Expecting value", i);
    const c = s[i];
    if (c === "{" || c === "[") {
      const kind = c === "{" ? "object" : "array";
      i = skipSpace(s, i + 1);
      if (s[i] === (kind === "object" ? "}" : "]")) i++;
      else {
        stack.push(kind);
        if (kind === "object") i = scanKey(s, i);
        continue;
      }
    } else i = scanScalar(s, i);
    // After a value: close containers or move to the next item.
    for (;;) {
      const top = stack[stack.length - 1];
      if (top === undefined) {
        i = skipSpace(s, i);
        if (i < s.length) throw new Stop("Extra data", i);
        return;
      }
      i = skipSpace(s, i);
      const close = top === "object" ? "}" : "]";
      if (s[i] === close) {
        stack.pop();
        i++;
        continue;
      }
      if (s[i] !== ",") throw new Stop("Expecting ',' delimiter", i);
      i = skipSpace(s, i + 1);
      if (top === "object") i = scanKey(s, i);
      break;
    }
  }
}

/** Reads `"key" :` and returns the index of the value (after whitespace). */
function scanKey(s: string, i: number): number {
  if (s[i] !== '"') throw new Stop("Expecting property name enclosed in double quotes", i);
  i = skipSpace(s, scanString(s, i));
  if (s[i] !== ":") throw new Stop("Expecting ':' delimiter", i);
  return skipSpace(s, i + 1);
}

function codePointOffset(s: string, index: number): number {
  let n = 0;
  for (let i = 0; i < index && i < s.length; i++, n++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < index) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  return n;
}

/** Where and why `text` is not valid JSON (call only after JSON.parse failed). */
export function locateJsonError(text: string, fallbackMessage: string): JsonSyntaxError {
  try {
    scan(text);
  } catch (error) {
    if (error instanceof Stop)
      return { message: error.message, position: codePointOffset(text, error.index) };
    throw error;
  }
  // The scanner accepted what JSON.parse refused: report JSON.parse's reason at 0.
  return { message: fallbackMessage, position: 0 };
}
