import { createHash } from "node:crypto";
import { APIRouter, File, Form, type UploadFile } from "typhoon";
import * as v from "valibot";
import { int, str } from "../schemas";

/** SHA-256 of an upload, streamed (a large file is never held in memory whole). */
async function sha256(file: UploadFile): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of file.stream()) hash.update(chunk);
  return hash.digest("hex");
}

/** The first `count` bytes of an upload, reading no further than needed. */
async function head(file: UploadFile, count: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of file.stream()) {
    parts.push(chunk);
    length += chunk.byteLength;
    if (length >= count) break;
  }
  return Buffer.concat(parts).subarray(0, count);
}

/** apps/reference/SPEC.md §2.12: forms and files. */
export function formRoutes(): APIRouter {
  const router = new APIRouter();

  router.post(
    "/form/signup",
    {
      params: {
        username: Form(str({ min: 3 })),
        password: Form(str({ min: 4 })),
        age: Form(int({ ge: 13 })),
        newsletter: Form(v.optional(v.boolean(), false)),
        interests: Form(v.optional(v.array(v.string()), [])),
      },
    },
    ({ username, password, age, newsletter, interests }) => ({
      username,
      age,
      newsletter,
      interests,
      password_length: [...password].length,
    }),
  );

  router.post(
    "/upload",
    { params: { file: File(), description: Form(v.optional(v.string(), "")) } },
    async ({ file, description }) => ({
      filename: file.filename,
      content_type: file.contentType,
      size: file.size,
      sha256: await sha256(file),
      description,
    }),
  );

  router.post("/upload/bytes", { params: { data: File() } }, async ({ data }) => ({
    size: data.size,
    first: Buffer.from(await head(data, 5)).toString("latin1"),
  }));

  router.post("/upload/many", { params: { files: File({ many: true }) } }, ({ files }) => ({
    count: files.length,
    files: files.map((file) => ({ filename: file.filename, size: file.size })),
  }));

  return router;
}
