import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseForm } from "../../src/forms/index";
import { Request, Typhoon, UploadFile } from "../../src/index";
import { TestClient } from "../../src/testing/index";
import {
  MULTIPART,
  makeTempRoot,
  multipartBody,
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

/** Until the lead wires Form()/File(), a route parses its form by hand from the Request. */
function makeApp() {
  const app = new Typhoon();
  app.post("/profile", { params: { request: Request } }, async ({ request }) => {
    const form = await parseForm(request.receive, request.headers.get("content-type"), {
      tempDir: root,
      maxFiles: 1,
      spoolThreshold: 0,
    });
    try {
      const avatar = form.get("avatar");
      return {
        name: form.get("name") ?? null,
        avatar:
          avatar instanceof UploadFile
            ? { filename: avatar.filename, text: await avatar.text() }
            : null,
      };
    } finally {
      await form.close();
    }
  });
  return app;
}

describe("parseForm inside a Typhoon route, through the TestClient", () => {
  const client = new TestClient(makeApp());

  it("reads an urlencoded form", async () => {
    const res = await client.post("/profile", { data: { name: "Ada" } });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ name: "Ada", avatar: null });
  });

  it("reads a multipart form with a file, and removes the temp file afterwards", async () => {
    const res = await client.post("/profile", {
      headers: { "content-type": MULTIPART },
      content: multipartBody([
        { name: "name", body: "Grace" },
        { name: "avatar", filename: "g.txt", body: "hello" },
      ]),
    });
    expect(res.json()).toEqual({ name: "Grace", avatar: { filename: "g.txt", text: "hello" } });
    expect(await tempEntries(root)).toEqual([]);
  });

  it("turns a FormParseError into FastAPI's {detail} answer with its status", async () => {
    const twoFiles = multipartBody([
      { name: "avatar", filename: "a", body: "1" },
      { name: "avatar", filename: "b", body: "2" },
    ]);
    const tooMany = await client.post("/profile", {
      headers: { "content-type": MULTIPART },
      content: twoFiles,
    });
    expect(tooMany.status).toBe(413);
    expect(tooMany.json()).toEqual({
      detail: "Too many files. Maximum number of files is 1.",
    });

    const noBoundary = await client.post("/profile", {
      headers: { "content-type": "multipart/form-data" },
      content: twoFiles,
    });
    expect(noBoundary.status).toBe(400);
    expect(noBoundary.json()).toEqual({ detail: "Missing boundary in multipart." });
    expect(await tempEntries(root)).toEqual([]);
  });

  it("answers an empty form for a JSON body (required fields would be missing)", async () => {
    const res = await client.post("/profile", { json: { name: "Ada" } });
    expect(res.json()).toEqual({ name: null, avatar: null });
    const urlencodedOnly = await client.post("/profile", {
      headers: { "content-type": URLENCODED },
      content: "",
    });
    expect(urlencodedOnly.json()).toEqual({ name: null, avatar: null });
  });
});
