import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FormData, parseForm } from "../../src/forms/index";
import { UploadFile } from "../../src/index";
import {
  BOUNDARY,
  fakeReceive,
  MULTIPART,
  makeTempRoot,
  multipartBody,
  type Part,
  removeTempRoot,
  tempEntries,
} from "./helpers";

let root: string;
const open: FormData[] = [];
beforeEach(async () => {
  root = await makeTempRoot();
});
afterEach(async () => {
  for (const form of open.splice(0)) await form.close();
  expect(await tempEntries(root)).toEqual([]);
  await removeTempRoot(root);
});

async function parse(
  body: Uint8Array | string,
  options: { contentType?: string; spoolThreshold?: number } = {},
) {
  const form = await parseForm(fakeReceive(body), options.contentType ?? MULTIPART, {
    tempDir: root,
    ...(options.spoolThreshold === undefined ? {} : { spoolThreshold: options.spoolThreshold }),
  });
  open.push(form);
  return form;
}

function file(form: FormData, name: string): UploadFile {
  const value = form.get(name);
  if (!(value instanceof UploadFile)) throw new Error(`${name} is not a file: ${String(value)}`);
  return value;
}

describe("multipart fields and files", () => {
  it("reads several fields, repeated fields in order, and files between them", async () => {
    const form = await parse(
      multipartBody([
        { name: "username", body: "ada" },
        { name: "interests", body: "math" },
        { name: "avatar", filename: "me.png", contentType: "image/png", body: "\x89PNG" },
        { name: "interests", body: "engines" },
        { name: "note", body: "" },
      ]),
    );
    expect([...form.keys()]).toEqual(["username", "interests", "avatar", "note"]);
    expect(form.get("username")).toBe("ada");
    expect(form.getAll("interests")).toEqual(["math", "engines"]);
    expect(form.get("note")).toBe("");
    const avatar = file(form, "avatar");
    expect(avatar.filename).toBe("me.png");
    expect(avatar.contentType).toBe("image/png");
    expect(avatar.size).toBe(Buffer.byteLength("\x89PNG"));
    expect(avatar.headers).toEqual([
      ["content-disposition", 'form-data; name="avatar"; filename="me.png"'],
      ["content-type", "image/png"],
    ]);
    expect([...form.fields()].map(([name]) => name)).toEqual([
      "username",
      "interests",
      "interests",
      "note",
    ]);
  });

  it("keeps repeated file fields in upload order", async () => {
    const form = await parse(
      multipartBody([
        { name: "files", filename: "one.txt", body: "1" },
        { name: "files", filename: "two.txt", body: "22" },
        { name: "files", filename: "three.txt", body: "333" },
      ]),
    );
    const files = form.getAll("files") as UploadFile[];
    expect(files.map((f) => [f.filename, f.size])).toEqual([
      ["one.txt", 1],
      ["two.txt", 2],
      ["three.txt", 3],
    ]);
  });

  it("defaults a file's content type to text/plain when the part has none (RFC 7578)", async () => {
    const form = await parse(multipartBody([{ name: "doc", filename: "a.txt", body: "x" }]));
    expect(file(form, "doc").contentType).toBe("text/plain");
  });

  it('reads an empty file and the browser\'s empty file input (filename="")', async () => {
    const form = await parse(
      multipartBody([
        { name: "empty", filename: "empty.txt", contentType: "text/plain", body: "" },
        { name: "none", filename: "", contentType: "application/octet-stream", body: "" },
      ]),
    );
    const empty = file(form, "empty");
    expect(empty.size).toBe(0);
    expect(await empty.text()).toBe("");
    const none = file(form, "none");
    expect(none.filename).toBe("");
    expect(none.size).toBe(0);
  });

  it("treats an application/octet-stream part without filename as a file", async () => {
    const form = await parse(
      multipartBody([{ name: "blob", contentType: "application/octet-stream", body: "\x00\x01" }]),
    );
    expect(file(form, "blob").filename).toBe("");
    expect(Array.from(await file(form, "blob").bytes())).toEqual([0, 1]);
  });

  it("decodes unicode filenames, raw UTF-8 or RFC 5987 filename*", async () => {
    const form = await parse(
      multipartBody([
        { name: "raw", filename: "résumé 🌊.pdf", body: "a" },
        {
          name: "ext",
          disposition: `form-data; name="ext"; filename="fallback.txt"; filename*=UTF-8''%E2%82%AC%20rates.txt`,
          body: "b",
        },
      ]),
    );
    expect(file(form, "raw").filename).toBe("résumé 🌊.pdf");
    expect(file(form, "ext").filename).toBe("€ rates.txt");
  });

  it("strips any directory from a filename, so it is safe to join to a path", async () => {
    const form = await parse(
      multipartBody([
        { name: "a", filename: "../../etc/passwd", body: "x" },
        { name: "b", filename: "C:\\\\Users\\\\me\\\\photo.jpg", body: "y" },
      ]),
    );
    expect(file(form, "a").filename).toBe("passwd");
    expect(file(form, "b").filename).toBe("photo.jpg");
  });

  it("decodes field values as UTF-8, or in the part's declared charset", async () => {
    const latin1 = Buffer.from("café", "latin1");
    const form = await parse(
      multipartBody([
        { name: "utf8", body: "naïve 🌊" },
        { name: "latin", contentType: "text/plain; charset=iso-8859-1", body: latin1 },
        { name: "ユーザー", body: "名前" },
      ]),
    );
    expect(form.get("utf8")).toBe("naïve 🌊");
    expect(form.get("latin")).toBe("café");
    expect(form.get("ユーザー")).toBe("名前");
  });

  it("keeps binary file content byte for byte", async () => {
    const bytes = Uint8Array.from({ length: 4096 }, (_, i) => (i * 31) % 256);
    const form = await parse(
      multipartBody([
        { name: "bin", filename: "b.bin", contentType: "application/x-bin", body: bytes },
      ]),
    );
    expect(Buffer.compare(Buffer.from(await file(form, "bin").bytes()), Buffer.from(bytes))).toBe(
      0,
    );
  });
});

describe("CRLF and boundary edge cases", () => {
  const tricky = (body: string): Part[] => [
    { name: "f", filename: "t.txt", body },
    { name: "v", body },
  ];

  for (const [label, content] of [
    ["CRLF inside the content", "line1\r\nline2\r\n"],
    ["a boundary without its leading CRLF", `x--${BOUNDARY}y`],
    ["a partial delimiter", `\r\n--${BOUNDARY.slice(0, 10)}rest`],
    ["the delimiter minus its last byte", `\r\n--${BOUNDARY.slice(0, -1)}`],
    ["a trailing CR", "ends with\r"],
    ["leading CRLF", "\r\nstarts"],
    ["only dashes", "----"],
  ] as const) {
    it(`keeps ${label} as data`, async () => {
      const form = await parse(multipartBody(tricky(content)));
      expect(await file(form, "f").text()).toBe(content);
      expect(form.get("v")).toBe(content);
    });
  }

  it("ignores a preamble before the first boundary and an epilogue after the last", async () => {
    const body = Buffer.concat([
      Buffer.from("This is the preamble.\r\n"),
      multipartBody([{ name: "a", body: "1" }]),
      Buffer.from("epilogue, ignored\r\n--more--\r\n"),
    ]);
    const form = await parse(body);
    expect([...form]).toEqual([["a", "1"]]);
  });

  it("accepts a closing boundary without a final CRLF", async () => {
    const body = multipartBody([{ name: "a", body: "1" }]).subarray(0, -2);
    expect((await parse(body)).get("a")).toBe("1");
  });

  it("accepts a quoted boundary parameter", async () => {
    const form = await parse(multipartBody([{ name: "a", body: "1" }]), {
      contentType: `multipart/form-data; boundary="${BOUNDARY}"`,
    });
    expect(form.get("a")).toBe("1");
  });
});

describe("spooling to disk", () => {
  it("keeps small files in memory and moves bigger ones to a private temp file", async () => {
    const big = Buffer.alloc(300_000, 0x61);
    const form = await parse(
      multipartBody([
        { name: "small", filename: "s.txt", body: "tiny" },
        { name: "big", filename: "b.txt", body: big },
      ]),
      { spoolThreshold: 100_000 },
    );
    expect(file(form, "small").path).toBeUndefined();
    const bigFile = file(form, "big");
    expect(bigFile.path?.startsWith(root)).toBe(true);
    expect(await tempEntries(root)).toHaveLength(2); // the form's folder and the file
    const digest = createHash("sha256")
      .update(await bigFile.bytes())
      .digest("hex");
    expect(digest).toBe(createHash("sha256").update(big).digest("hex"));
    await form.close();
    expect(await tempEntries(root)).toEqual([]);
    await expect(bigFile.bytes()).rejects.toThrow(/closed/);
  });
});
