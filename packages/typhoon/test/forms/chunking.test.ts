import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FormData, parseForm } from "../../src/forms/index";
import { UploadFile } from "../../src/index";
import {
  BOUNDARY,
  fakeReceive,
  MULTIPART,
  makeTempRoot,
  multipartBody,
  prng,
  removeTempRoot,
  tempEntries,
  URLENCODED,
} from "./helpers";

let root: string;
beforeAll(async () => {
  root = await makeTempRoot();
});
afterAll(async () => {
  expect(await tempEntries(root)).toEqual([]);
  await removeTempRoot(root);
});

/** What a form holds, in a comparable shape (files by name, size, type and digest). */
async function summary(form: FormData): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const [name, value] of form) {
    if (value instanceof UploadFile) {
      const digest = createHash("sha256")
        .update(await value.bytes())
        .digest("hex");
      out.push([name, value.filename, value.contentType, value.size, digest]);
    } else out.push([name, value]);
  }
  return out;
}

// Content that tempts a parser to cut in the wrong place when chunks end mid-sequence.
const tricky = `a\r\n--${BOUNDARY.slice(0, 20)}\r\n\r--${BOUNDARY}x\r\n-`;
const binary = Uint8Array.from({ length: 6000 }, (_, i) => (i * 131 + 7) % 256);
const multipart = multipartBody([
  { name: "title", body: "Chunking 🌊" },
  { name: "tricky", body: tricky },
  { name: "doc", filename: "tricky.txt", contentType: "text/plain", body: tricky.repeat(50) },
  { name: "tags", body: "a" },
  { name: "bin", filename: "b.bin", contentType: "application/octet-stream", body: binary },
  { name: "empty", filename: "e", body: "" },
  { name: "tags", body: "b" },
]);
const urlencoded =
  "name=J%C3%BCrgen+K&q=a%26b%3Dc&flag&&tags=1&tags=2&emoji=%F0%9F%8C%8A&raw=Zo%C3%AB&utf8=Zoë🌊名前";

async function parseIn(
  body: Uint8Array | string,
  type: string,
  random?: () => number,
  maxChunk = 64,
) {
  const receive = fakeReceive(body, random ? { random, maxChunk } : {});
  // A low threshold so the bigger files cross from memory to disk mid-stream.
  const form = await parseForm(receive, type, { tempDir: root, spoolThreshold: 1000 });
  try {
    return await summary(form);
  } finally {
    await form.close();
  }
}

describe("chunk boundaries do not change the result", () => {
  for (const [label, body, type] of [
    ["multipart", multipart, MULTIPART],
    ["urlencoded", urlencoded, URLENCODED],
  ] as const) {
    it(`${label}: random chunk sizes from seeded runs match the single-chunk parse`, async () => {
      const expected = await parseIn(body, type);
      expect(expected.length).toBeGreaterThan(5);
      for (let seed = 1; seed <= 20; seed++) {
        const random = prng(seed);
        for (const maxChunk of [3, 40, 700]) {
          const actual = await parseIn(body, type, random, maxChunk);
          expect(actual, `seed ${seed}, chunks up to ${maxChunk} bytes`).toEqual(expected);
        }
      }
    });
  }

  it("multipart: one byte per message", async () => {
    const expected = await parseIn(multipart, MULTIPART);
    expect(await parseIn(multipart, MULTIPART, () => 0, 1)).toEqual(expected);
  });
});
