import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FormLimits, FormParseError, parseForm } from "../../src/forms/index";
import {
  fakeReceive,
  MULTIPART,
  makeTempRoot,
  multipartBody,
  type Part,
  removeTempRoot,
  tempEntries,
  URLENCODED,
} from "./helpers";

let root: string;
beforeEach(async () => {
  root = await makeTempRoot();
});
afterEach(async () => {
  await removeTempRoot(root);
});

/** Parses, closes, and checks that nothing is left in the temp root either way. */
async function attempt(
  body: Uint8Array | string,
  limits: FormLimits,
  contentType = MULTIPART,
): Promise<FormParseError | number> {
  try {
    const form = await parseForm(fakeReceive(body, { sizes: [4096] }), contentType, {
      ...limits,
      tempDir: root,
      spoolThreshold: limits.spoolThreshold ?? 0, // every file on disk: cleanup is visible
    });
    const size = form.size;
    await form.close();
    return size;
  } catch (error) {
    if (!(error instanceof FormParseError)) throw error;
    return error;
  } finally {
    expect(await tempEntries(root)).toEqual([]);
  }
}

const files = (count: number, size = 3): Part[] =>
  Array.from({ length: count }, (_, i) => ({
    name: `f${i}`,
    filename: `${i}.bin`,
    body: "x".repeat(size),
  }));
const fields = (count: number, size = 1): Part[] =>
  Array.from({ length: count }, (_, i) => ({ name: `v${i}`, body: "y".repeat(size) }));

function expectRefused(result: FormParseError | number, status: number, code: string) {
  if (typeof result === "number") throw new Error(`expected ${code}, parsed ${result} entries`);
  expect(result.status).toBe(status);
  expect(result.code).toBe(code);
  expect(result.detail.length).toBeGreaterThan(10);
}

describe("multipart limits: the limit itself passes, one more is a 413", () => {
  it("maxFileSize", async () => {
    expect(await attempt(multipartBody(files(1, 1000)), { maxFileSize: 1000 })).toBe(1);
    const result = await attempt(multipartBody(files(1, 1001)), { maxFileSize: 1000 });
    expectRefused(result, 413, "FORM_FILE_TOO_LARGE");
    expect((result as FormParseError).detail).toBe(
      "File 'f0' exceeds the maximum size of 1000 bytes.",
    );
  });

  it("maxFileSize stops a huge file early, with earlier files already on disk", async () => {
    const parts = [...files(2, 5000), { name: "huge", filename: "h", body: "z".repeat(200_000) }];
    expectRefused(
      await attempt(multipartBody(parts), { maxFileSize: 10_000 }),
      413,
      "FORM_FILE_TOO_LARGE",
    );
  });

  it("maxFiles", async () => {
    expect(await attempt(multipartBody(files(3)), { maxFiles: 3 })).toBe(3);
    expectRefused(
      await attempt(multipartBody(files(4)), { maxFiles: 3 }),
      413,
      "FORM_TOO_MANY_FILES",
    );
    expectRefused(
      await attempt(multipartBody(files(1)), { maxFiles: 0 }),
      413,
      "FORM_TOO_MANY_FILES",
    );
  });

  it("maxFields", async () => {
    expect(await attempt(multipartBody(fields(5)), { maxFields: 5 })).toBe(5);
    expectRefused(
      await attempt(multipartBody(fields(6)), { maxFields: 5 }),
      413,
      "FORM_TOO_MANY_FIELDS",
    );
  });

  it("maxFieldSize", async () => {
    expect(await attempt(multipartBody(fields(1, 64)), { maxFieldSize: 64 })).toBe(1);
    const result = await attempt(multipartBody(fields(1, 65)), { maxFieldSize: 64 });
    expectRefused(result, 413, "FORM_FIELD_TOO_LARGE");
    expect((result as FormParseError).detail).toContain("'v0'");
  });

  it("maxFieldNameSize, for fields and files", async () => {
    const name = "n".repeat(16);
    expect(await attempt(multipartBody([{ name, body: "1" }]), { maxFieldNameSize: 16 })).toBe(1);
    for (const part of [
      { name: `${name}x`, body: "1" },
      { name: `${name}x`, filename: "a", body: "1" },
    ]) {
      expectRefused(
        await attempt(multipartBody([part]), { maxFieldNameSize: 16 }),
        413,
        "FORM_FIELD_NAME_TOO_LARGE",
      );
    }
  });

  it("maxParts counts fields and files together", async () => {
    const parts = [...fields(2), ...files(2)];
    expect(await attempt(multipartBody(parts), { maxParts: 4 })).toBe(4);
    expectRefused(await attempt(multipartBody(parts), { maxParts: 3 }), 413, "FORM_TOO_MANY_PARTS");
  });

  it("a limit hit after files were spooled still removes them", async () => {
    const parts = [...files(3, 50_000), ...fields(3)];
    expectRefused(
      await attempt(multipartBody(parts), { maxFields: 2 }),
      413,
      "FORM_TOO_MANY_FIELDS",
    );
  });

  it("the defaults allow 1000 fields and 10 files, and refuse the 11th", async () => {
    expect(await attempt(multipartBody([...fields(990), ...files(10)]), {})).toBe(1000);
    expectRefused(await attempt(multipartBody(files(11)), {}), 413, "FORM_TOO_MANY_FILES");
  });
});

describe("urlencoded limits", () => {
  it("maxFields, maxFieldSize and maxFieldNameSize", async () => {
    expect(await attempt("a=1&b=2", { maxFields: 2 }, URLENCODED)).toBe(2);
    expectRefused(
      await attempt("a=1&b=2&c=3", { maxFields: 2 }, URLENCODED),
      413,
      "FORM_TOO_MANY_FIELDS",
    );
    expectRefused(
      await attempt("a=12345", { maxFieldSize: 4 }, URLENCODED),
      413,
      "FORM_FIELD_TOO_LARGE",
    );
    expectRefused(
      await attempt("abcde=1", { maxFieldNameSize: 4 }, URLENCODED),
      413,
      "FORM_FIELD_NAME_TOO_LARGE",
    );
  });

  it("stops reading at the first oversized field, without pulling the rest of the body", async () => {
    const body = `big=${"x".repeat(10_000)}&after=1`;
    const receive = fakeReceive(body, { sizes: [100] });
    await expect(parseForm(receive, URLENCODED, { maxFieldSize: 500 })).rejects.toMatchObject({
      code: "FORM_FIELD_TOO_LARGE",
    });
    expect(receive.calls).toBeLessThan(10);
  });
});
