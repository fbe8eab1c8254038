import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { resultsDir } from "./paths";

export interface Section {
  name: string;
  markdown: string;
  data: unknown;
}

/**
 * Writes `bench-results/<name>.md|json` for each section and `latest.md|json` for the whole
 * invocation (the folder is gitignored). Returns the folder.
 */
export function writeResults(sections: Section[]): string {
  const dir = resultsDir();
  mkdirSync(dir, { recursive: true });
  const write = (base: string, markdown: string, data: unknown) => {
    writeFileSync(path.join(dir, `${base}.md`), `${markdown}\n`);
    writeFileSync(path.join(dir, `${base}.json`), `${JSON.stringify(data, null, 2)}\n`);
  };
  for (const section of sections) write(section.name, section.markdown, section.data);
  write(
    "latest",
    sections.map((section) => section.markdown).join("\n"),
    Object.fromEntries(sections.map((section) => [section.name, section.data])),
  );
  return dir;
}
