import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ServerHandle, serve } from "@typhoon/server";
import nodeFetch from "node-fetch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UploadFile } from "../../src/index";
import { TestClient } from "../../src/testing/index";
import { app as bareApp } from "./examples/bare-server-app";
import { keep } from "./examples/keep-upload";
import { app as photoApp } from "./examples/upload-route";
import { MULTIPART, multipartBody } from "./helpers";

// docs/forms.md quotes these files verbatim.
const source = (name: string) =>
  readFileSync(new URL(`./examples/${name}`, import.meta.url), "utf8").trim();
const docs = readFileSync(new URL("../../docs/forms.md", import.meta.url), "utf8");

describe("docs/forms.md", () => {
  it("quotes every example verbatim", () => {
    for (const name of ["upload-route.ts", "bare-server-app.ts", "keep-upload.ts"]) {
      expect(docs, name).toContain(source(name));
    }
  });

  it("upload-route: hashes every photo of the album", async () => {
    const client = new TestClient(photoApp);
    const res = await client.post("/photos", {
      headers: { "content-type": MULTIPART },
      content: multipartBody([
        { name: "album", body: "Summer" },
        { name: "photo", filename: "a.jpg", contentType: "image/jpeg", body: "AAA" },
        { name: "photo", filename: "b.jpg", contentType: "image/jpeg", body: "BB" },
      ]),
    });
    expect(res.status).toBe(200);
    const body = res.json() as { album: string; photos: { filename: string; size: number }[] };
    expect(body.album).toBe("Summer");
    expect(body.photos.map((p) => [p.filename, p.size])).toEqual([
      ["a.jpg", 3],
      ["b.jpg", 2],
    ]);
  });

  describe("bare-server-app over a socket", () => {
    let server: ServerHandle;
    beforeAll(async () => {
      server = await serve(bareApp, { host: "127.0.0.1", port: 0, logLevel: "silent" });
    });
    afterAll(() => server.close());

    it("lists what it was sent, and answers 413 past maxFiles", async () => {
      const form = new globalThis.FormData();
      form.append("title", "x");
      form.append("doc", new Blob(["1"]), "one.txt");
      const ok = await nodeFetch(server.url, { method: "POST", body: form });
      expect(await ok.json()).toEqual({ fields: ["title"], files: ["doc: one.txt"] });

      form.append("doc", new Blob(["2"]), "two.txt");
      const refused = await nodeFetch(server.url, { method: "POST", body: form });
      expect(refused.status).toBe(413);
      expect(await refused.json()).toEqual({
        detail: "Too many files. Maximum number of files is 1.",
      });
    });
  });

  it("keep-upload: streams an upload into a folder", async () => {
    const folder = await mkdtemp(join(tmpdir(), "typhoon-forms-keep-"));
    try {
      const path = await keep(new UploadFile("kept", { filename: "k.txt" }), folder);
      expect(path).toBe(join(folder, "k.txt"));
      expect(await readFile(path, "utf8")).toBe("kept");
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
