/** A fenced code block of a Markdown file. */
export interface CodeBlock {
  /** The language tag, lower-cased (`ts`, `http`, `sh`...); `""` when there is none. */
  readonly lang: string;
  /** The file name given after the language (` ```ts app.ts `), if any. */
  readonly filename: string | undefined;
  /** The remaining words of the info string (flags such as `entry`). */
  readonly flags: readonly string[];
  /** The block's text, without the fences; ends with a newline unless empty. */
  readonly code: string;
  /** 1-based line of the first line of `code` in the Markdown file. */
  readonly line: number;
}

const FENCE = /^( {0,3})(`{3,}|~{3,})(.*)$/;

/** A word of an info string that names a file: it has a dot (`app.ts`, `.env`). */
function isFilename(word: string): boolean {
  return word.includes(".") && !word.startsWith("{");
}

/**
 * The fenced code blocks of a Markdown text, in order (CommonMark fences: three or more
 * backticks or tildes, closed by a fence of the same character at least as long). An
 * unclosed fence runs to the end, as CommonMark says; the caller decides if that is an error.
 */
export function codeBlocks(markdown: string): CodeBlock[] {
  const lines = markdown.split(/\r?\n/);
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i] ?? "");
    if (open === null) continue;
    const indent = open[1]?.length ?? 0;
    const fence = open[2] ?? "```";
    const info = (open[3] ?? "").trim();
    // A backtick fence's info string may not contain backticks (that is inline code).
    if (fence[0] === "`" && info.includes("`")) continue;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const close = FENCE.exec(lines[j] ?? "");
      if (
        close !== null &&
        close[2]?.[0] === fence[0] &&
        (close[2]?.length ?? 0) >= fence.length &&
        (close[3] ?? "").trim() === ""
      )
        break;
      // Content lines lose up to the fence's own indentation.
      body.push((lines[j] ?? "").replace(new RegExp(`^ {0,${indent}}`), ""));
    }
    const [lang = "", ...rest] = info.split(/\s+/).filter((word) => word !== "");
    const named = rest.find(isFilename);
    blocks.push({
      lang: lang.toLowerCase(),
      filename: named,
      flags: rest.filter((word) => word !== named),
      code: body.length === 0 ? "" : `${body.join("\n")}\n`,
      line: i + 2,
    });
    i = j;
  }
  return blocks;
}
