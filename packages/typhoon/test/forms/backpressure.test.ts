import { readdirSync, statSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import type { ReceiveMessage } from "@typhoon/server";
import { afterEach, beforeEach, expect, it } from "vitest";
import { parseForm } from "../../src/forms/index";
import { UploadFile } from "../../src/index";
import { MULTIPART, makeTempRoot, multipartBody, removeTempRoot, tempEntries } from "./helpers";

let root: string;
beforeEach(async () => {
  root = await makeTempRoot();
});
afterEach(async () => {
  await removeTempRoot(root);
});

/**
 * Bytes of the one spooled file under `root`, 0 before it exists. Synchronous on purpose: the
 * measure must not give the parser's pending disk writes time to catch up.
 */
function bytesOnDisk(): number {
  for (const entry of readdirSync(root, { recursive: true })) {
    const info = statSync(join(root, String(entry)));
    if (info.isFile()) return info.size;
  }
  return 0;
}

it("pulls the next chunk only once the previous ones reached the disk", async () => {
  const chunk = 64 * 1024;
  const body = multipartBody([
    { name: "big", filename: "big.bin", body: Buffer.alloc(40 * chunk, 0x5a) },
  ]);
  // How far behind the disk may be when a chunk is requested: the chunk being written, one
  // in busboy's file stream, and the multipart header bytes that are not file content.
  const slack = 2 * chunk + 512;
  let offset = 0;
  let worstLag = 0;
  const receive = async (): Promise<ReceiveMessage> => {
    const lag = offset - bytesOnDisk();
    worstLag = Math.max(worstLag, lag);
    const end = Math.min(body.length, offset + chunk);
    const message: ReceiveMessage = {
      type: "http.request",
      body: body.subarray(offset, end),
      more_body: end < body.length,
    };
    offset = end;
    return message;
  };
  const form = await parseForm(receive, MULTIPART, { tempDir: root, spoolThreshold: 0 });
  const file = form.get("big");
  expect(file).toBeInstanceOf(UploadFile);
  expect((file as UploadFile).size).toBe(40 * chunk);
  expect(worstLag).toBeGreaterThan(0);
  expect(worstLag).toBeLessThanOrEqual(slack);
  await form.close();
  expect(await readdir(root)).toEqual([]);
  expect(await tempEntries(root)).toEqual([]);
});
