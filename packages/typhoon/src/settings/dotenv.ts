import { TyphoonError } from "../errors";

/** A `.env` file that cannot be parsed: names the file and the line, never the values. */
export class DotenvError extends TyphoonError {
  override readonly name = "DotenvError";
  declare readonly code: "DOTENV_SYNTAX";
  readonly filename: string;
  readonly line: number;

  constructor(filename: string, line: number, reason: string) {
    super("DOTENV_SYNTAX", `${filename}:${line}: ${reason}`);
    this.filename = filename;
    this.line = line;
  }
}

export interface DotenvParseOptions {
  /** Used in error messages (default ".env"). */
  filename?: string;
}

const KEY_START = /[A-Za-z_]/;
const KEY_CHAR = /[A-Za-z0-9_.-]/;
const DOUBLE_QUOTE_ESCAPES: Record<string, string> = {
  n: "\n",
  r: "\r",
  t: "\t",
  "\\": "\\",
  '"': '"',
  $: "$",
};

/**
 * Parses `.env` text into name → value. Supported: `#` comments (whole line, or after
 * whitespace in an unquoted value), an optional `export ` prefix, single quotes and backticks
 * (literal), double quotes with `\n \r \t \\ \" \$` escapes, quoted values spanning lines.
 * Unquoted values are trimmed. No `$VAR` expansion. The last assignment of a name wins.
 * Malformed input throws a {@link DotenvError} naming the line.
 */
export function parseDotenv(
  source: string,
  options: DotenvParseOptions = {},
): Record<string, string> {
  return new DotenvParser(source, options.filename ?? ".env").parse();
}

class DotenvParser {
  readonly #text: string;
  readonly #filename: string;
  #pos = 0;

  constructor(source: string, filename: string) {
    this.#text = source.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
    this.#filename = filename;
  }

  parse(): Record<string, string> {
    const out: Record<string, string> = Object.create(null);
    const text = this.#text;
    // Every iteration consumes at least one character or one assignment: bounded by length.
    while (this.#pos < text.length) {
      this.#skipBlanks();
      const ch = text[this.#pos];
      if (ch === undefined) break;
      if (ch === "\n") {
        this.#pos++;
        continue;
      }
      if (ch === "#") {
        this.#skipToLineEnd();
        continue;
      }
      const key = this.#readKey();
      this.#skipBlanks();
      if (text[this.#pos] !== "=") this.#fail(`expected "=" after ${key}`);
      this.#pos++;
      this.#skipBlanks();
      out[key] = this.#readValue();
    }
    return { ...out };
  }

  #readKey(): string {
    let key = this.#readName();
    // `export NAME=value` (shell syntax); a variable may itself be called "export".
    if (key === "export" && (this.#text[this.#pos] === " " || this.#text[this.#pos] === "\t")) {
      this.#skipBlanks();
      if (KEY_START.test(this.#text[this.#pos] ?? "")) key = this.#readName();
    }
    return key;
  }

  #readName(): string {
    const start = this.#pos;
    if (!KEY_START.test(this.#text[start] ?? "")) this.#fail("expected a variable name");
    this.#pos++;
    while (KEY_CHAR.test(this.#text[this.#pos] ?? "")) this.#pos++;
    return this.#text.slice(start, this.#pos);
  }

  #readValue(): string {
    const quote = this.#text[this.#pos];
    if (quote === '"' || quote === "'" || quote === "`") {
      const value = this.#readQuoted(quote);
      this.#skipBlanks();
      const next = this.#text[this.#pos];
      if (next === "#") this.#skipToLineEnd();
      else if (next !== undefined && next !== "\n") {
        this.#fail("unexpected text after the closing quote");
      }
      return value;
    }
    const start = this.#pos;
    this.#skipToLineEnd();
    const raw = this.#text.slice(start, this.#pos);
    // A comment starts at a `#` preceded by whitespace: `URL=a#b` keeps its `#`.
    const comment = raw.search(/[ \t]#/);
    return (comment === -1 ? raw : raw.slice(0, comment)).trim();
  }

  #readQuoted(quote: string): string {
    const text = this.#text;
    const open = this.#pos;
    this.#pos++;
    let value = "";
    while (this.#pos < text.length) {
      const ch = text[this.#pos] as string;
      if (ch === quote) {
        this.#pos++;
        return value;
      }
      if (ch === "\\" && quote === '"' && this.#pos + 1 < text.length) {
        const next = text[this.#pos + 1] as string;
        // Unknown escapes keep their backslash, as python-dotenv does.
        value += DOUBLE_QUOTE_ESCAPES[next] ?? `\\${next}`;
        this.#pos += 2;
        continue;
      }
      value += ch;
      this.#pos++;
    }
    this.#pos = open;
    return this.#fail(`unterminated ${quote} quoted value`);
  }

  #skipBlanks(): void {
    while (this.#text[this.#pos] === " " || this.#text[this.#pos] === "\t") this.#pos++;
  }

  #skipToLineEnd(): void {
    const end = this.#text.indexOf("\n", this.#pos);
    this.#pos = end === -1 ? this.#text.length : end;
  }

  #fail(reason: string): never {
    let line = 1;
    for (let i = 0; i < this.#pos; i++) if (this.#text.charCodeAt(i) === 10) line++;
    throw new DotenvError(this.#filename, line, reason);
  }
}
