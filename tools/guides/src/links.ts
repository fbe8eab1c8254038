import fs from "node:fs";
import path from "node:path";
import { codeBlocks } from "./markdown";

const LINK = /\]\(([^)\s]+)\)/g;

/** The Markdown text with its fenced code blocks blanked out (links in code are not links). */
function withoutCode(markdown: string): string {
  const lines = markdown.split(/\r?\n/);
  for (const block of codeBlocks(markdown)) {
    const count = block.code === "" ? 0 : block.code.split("\n").length - 1;
    for (let i = 0; i < count; i++) lines[block.line - 1 + i] = "";
  }
  return lines.join("\n");
}

/**
 * Relative links of a Markdown file whose target does not exist (anchors are not checked,
 * other sites are not visited). Returns `line: target` for each.
 */
export function brokenLinks(markdown: string, file: string): string[] {
  const broken: string[] = [];
  withoutCode(markdown)
    .split("\n")
    .forEach((line, index) => {
      for (const match of line.matchAll(LINK)) {
        const target = match[1] as string;
        if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("#")) continue;
        const relative = decodeURIComponent(target.split("#")[0] as string);
        if (!fs.existsSync(path.resolve(path.dirname(file), relative))) {
          broken.push(`${index + 1}: ${target}`);
        }
      }
    });
  return broken;
}
