import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { UploadFile } from "typhoon";

/** Copies an upload into `folder`, streaming (a big file is never held in memory whole). */
export async function keep(file: UploadFile, folder: string): Promise<string> {
  // `filename` is already a base name (busboy strips directories), but may be empty.
  const destination = join(folder, file.filename || "upload.bin");
  await writeFile(destination, file.stream());
  return destination;
}
