import { constants } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";

/** Opened path and what `fstat` said about it (the handle is the truth, not an earlier stat). */
export interface OpenedPath {
  handle: FileHandle;
  isFile: boolean;
  isDirectory: boolean;
  size: number;
  mtimeMs: number;
}

// O_NONBLOCK: opening a FIFO (or a device) must not park a libuv thread forever waiting for
// a writer; it has no effect on regular files. O_NOFOLLOW refuses a symlink as last part.
const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

/** Opens `path` read-only and fstats it; the caller closes the handle. */
export async function openPath(
  path: string,
  options: { followSymlinks?: boolean } = {},
): Promise<OpenedPath> {
  const flags = options.followSymlinks === false ? READ_FLAGS | NO_FOLLOW : READ_FLAGS;
  const handle = await open(path, flags);
  try {
    const stat = await handle.stat();
    return {
      handle,
      isFile: stat.isFile(),
      isDirectory: stat.isDirectory(),
      size: stat.size,
      mtimeMs: stat.mtimeMs,
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
