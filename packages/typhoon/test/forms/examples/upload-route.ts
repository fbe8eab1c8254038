import { createHash } from "node:crypto";
import { Request, Typhoon, UploadFile } from "typhoon";
import { parseForm } from "typhoon/forms";

export const app = new Typhoon();

app.post("/photos", { params: { request: Request } }, async ({ request }) => {
  const form = await parseForm(request.receive, request.headers.get("content-type"), {
    maxFiles: 5,
    maxFileSize: 20 * 1024 * 1024,
  });
  try {
    const photos = [];
    for (const file of form.getAll("photo")) {
      if (!(file instanceof UploadFile)) continue; // a text value sent under a file's name
      const hash = createHash("sha256");
      for await (const chunk of file.stream()) hash.update(chunk);
      photos.push({ filename: file.filename, size: file.size, sha256: hash.digest("hex") });
    }
    return { album: form.get("album") ?? "untitled", photos };
  } finally {
    await form.close(); // removes the temporary files
  }
});
