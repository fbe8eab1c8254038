import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FileSpool } from "./spool";
import { TempStore } from "./temp-store";

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "typhoon-forms-spool-"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const chunk = (size: number, fill: number) => new Uint8Array(size).fill(fill);

describe("FileSpool", () => {
  it("keeps an upload up to the threshold in memory and never touches the disk", async () => {
    const spool = new FileSpool(new TempStore(root), 8);
    await spool.write(chunk(5, 1));
    await spool.write(chunk(3, 2));
    const content = await spool.finish();
    expect(content).toBeInstanceOf(Uint8Array);
    expect(Array.from(content as Uint8Array)).toEqual([1, 1, 1, 1, 1, 2, 2, 2]);
    expect(await readdir(root)).toEqual([]);
  });

  it("moves an upload past the threshold to a private temp file, bytes in order", async () => {
    const store = new TempStore(root);
    const spool = new FileSpool(store, 4);
    await spool.write(chunk(3, 1));
    await spool.write(chunk(3, 2)); // crosses: both chunks go to disk
    await spool.write(chunk(2, 3));
    const content = await spool.finish();
    if (content instanceof Uint8Array) throw new Error("expected a file on disk");
    expect(content.size).toBe(8);
    expect(Array.from(await readFile(content.path))).toEqual([1, 1, 1, 2, 2, 2, 3, 3]);
    expect((await stat(content.path)).mode & 0o777).toBe(0o600);
    const [folder] = await readdir(root);
    expect(folder).toMatch(/^typhoon-form-/);
    expect((await stat(join(root, folder as string))).mode & 0o777).toBe(0o700);
    await store.close();
    expect(await readdir(root)).toEqual([]);
  });

  it("returns an empty array for an empty upload", async () => {
    const content = await new FileSpool(new TempStore(root), 0).finish();
    expect(content).toEqual(new Uint8Array(0));
  });

  it("abort closes a half-written file, and the store removes it", async () => {
    const store = new TempStore(root);
    const spool = new FileSpool(store, 0);
    await spool.write(chunk(10, 7));
    await spool.abort();
    await store.close();
    expect(await readdir(root)).toEqual([]);
  });
});

describe("TempStore", () => {
  it("creates its folder lazily, one per store, and refuses files after close", async () => {
    const a = new TempStore(root);
    const b = new TempStore(root);
    expect(await readdir(root)).toEqual([]);
    const first = await a.create();
    const second = await b.create();
    await Promise.all([first.handle.close(), second.handle.close()]);
    expect(await readdir(root)).toHaveLength(2);
    await a.close();
    await a.close(); // idempotent
    expect(await readdir(root)).toHaveLength(1);
    await expect(a.create()).rejects.toThrow(/closed/);
    await b.close();
    expect(await readdir(root)).toEqual([]);
  });

  it("cleans up even when close races a pending create", async () => {
    const store = new TempStore(root);
    const creating = store.create().catch(() => undefined);
    await store.close();
    const created = await creating;
    await created?.handle.close();
    await store.close();
    expect(await readdir(root)).toEqual([]);
  });
});
