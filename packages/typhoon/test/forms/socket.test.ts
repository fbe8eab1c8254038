import { createHash } from "node:crypto";
import { request as httpRequest } from "node:http";
import {
  ClientDisconnected,
  type Send,
  type ServerApp,
  type ServerHandle,
  serve,
} from "@typhoon/server";
import nodeFetch from "node-fetch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FormParseError, parseForm } from "../../src/forms/index";
import { BOUNDARY, makeTempRoot, multipartBody, removeTempRoot, tempEntries } from "./helpers";

let root: string;
let server: ServerHandle;
interface Outcome {
  error?: unknown;
  tempEntriesWhileOpen?: number;
}
/** Resolvers waiting for the app to finish its next request (it answers before cleaning up). */
const waiting: ((outcome: Outcome) => void)[] = [];
const nextOutcome = () => new Promise<Outcome>((resolve) => waiting.push(resolve));

async function answer(send: Send, status: number, body: unknown): Promise<void> {
  await send({
    type: "http.response.start",
    status,
    headers: [["content-type", "application/json"]],
  });
  await send({ type: "http.response.body", body: Buffer.from(JSON.stringify(body)) });
}

/** A bare ServerApp: parse the form, describe it, close it, answer. */
const app: ServerApp = async (scope, receive, send) => {
  if (scope.type !== "http") return;
  const contentType = scope.headers.find(([name]) => name === "content-type")?.[1];
  const outcome: Outcome = {};
  try {
    const form = await parseForm(receive, contentType, {
      tempDir: root,
      maxFileSize: 8 * 1024 * 1024,
      spoolThreshold: 1024 * 1024,
    });
    try {
      outcome.tempEntriesWhileOpen = (await tempEntries(root)).length;
      const fields = Object.fromEntries(form.fields());
      const files = [];
      for (const [name, file] of form.files()) {
        const hash = createHash("sha256");
        for await (const chunk of file.stream()) hash.update(chunk);
        files.push({
          name,
          filename: file.filename,
          contentType: file.contentType,
          size: file.size,
          sha256: hash.digest("hex"),
          onDisk: file.path !== undefined,
        });
      }
      await answer(send, 200, { fields, files });
    } finally {
      await form.close();
    }
  } catch (error) {
    outcome.error = error;
    if (error instanceof FormParseError) await answer(send, error.status, { detail: error.detail });
    else if (!(error instanceof ClientDisconnected)) throw error;
  } finally {
    waiting.shift()?.(outcome);
  }
};

beforeAll(async () => {
  root = await makeTempRoot();
  server = await serve(app, { host: "127.0.0.1", port: 0, logLevel: "silent", lifespan: "off" });
});
afterAll(async () => {
  await server.close();
  await removeTempRoot(root);
});

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

describe("parseForm over a real socket", () => {
  it("takes a browser-style upload from fetch + FormData + Blob, a 5 MiB file streamed to disk", async () => {
    const big = Buffer.alloc(5 * 1024 * 1024);
    for (let i = 0; i < big.length; i += 4096) big.writeUInt32BE(i, i);
    const form = new globalThis.FormData();
    form.append("title", "Holiday 🌊");
    form.append("tags", "sea");
    form.append("tags", "sun");
    form.append("photo", new Blob([big], { type: "image/jpeg" }), "beach.jpg");
    form.append("note", new Blob(["small note"], { type: "text/plain" }), "note.txt");

    const outcome = nextOutcome();
    const response = await nodeFetch(`${server.url}/upload`, { method: "POST", body: form });
    expect(response.status).toBe(200);
    const summary = (await response.json()) as {
      fields: Record<string, string>;
      files: Record<string, unknown>[];
    };
    expect(summary.fields).toEqual({ title: "Holiday 🌊", tags: "sun" });
    expect(summary.files).toEqual([
      {
        name: "photo",
        filename: "beach.jpg",
        contentType: "image/jpeg",
        size: big.length,
        sha256: sha256(big),
        onDisk: true,
      },
      {
        name: "note",
        filename: "note.txt",
        contentType: "text/plain",
        size: 10,
        sha256: sha256(Buffer.from("small note")),
        onDisk: false,
      },
    ]);
    expect((await outcome).tempEntriesWhileOpen).toBe(2); // the form's folder and the photo
    expect(await tempEntries(root)).toEqual([]);
  });

  it("takes an urlencoded form from URLSearchParams", async () => {
    const outcome = nextOutcome();
    const response = await nodeFetch(`${server.url}/login`, {
      method: "POST",
      body: new URLSearchParams({ username: "ada", password: "p&ss w=rd" }),
    });
    expect(await response.json()).toEqual({
      fields: { username: "ada", password: "p&ss w=rd" },
      files: [],
    });
    expect((await outcome).error).toBeUndefined();
  });

  it("answers 413 for a file over the limit and leaves no temp file behind", async () => {
    const form = new globalThis.FormData();
    form.append("huge", new Blob([Buffer.alloc(9 * 1024 * 1024, 1)]), "huge.bin");
    const outcome = nextOutcome();
    const response = await nodeFetch(`${server.url}/upload`, { method: "POST", body: form });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      detail: "File 'huge' exceeds the maximum size of 8388608 bytes.",
    });
    expect((await outcome).error).toBeInstanceOf(FormParseError);
    expect(await tempEntries(root)).toEqual([]);
  });

  it("answers 400 for a truncated body sent with a matching Content-Length", async () => {
    const body = multipartBody([{ name: "a", body: "1" }]).subarray(0, -10);
    const outcome = nextOutcome();
    const response = await nodeFetch(`${server.url}/upload`, {
      method: "POST",
      headers: { "content-type": `multipart/form-data; boundary=${BOUNDARY}` },
      body,
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { detail: string }).detail).toMatch(/closing boundary/);
    expect((await outcome).error).toMatchObject({ code: "FORM_TRUNCATED" });
  });

  it("cleans up when the client disconnects mid-upload", async () => {
    const body = multipartBody([
      { name: "big", filename: "big.bin", body: Buffer.alloc(3 * 1024 * 1024, 2) },
    ]);
    const outcome = nextOutcome();
    const req = httpRequest(`${server.url}/upload`, {
      method: "POST",
      headers: {
        "content-type": `multipart/form-data; boundary=${BOUNDARY}`,
        "content-length": String(body.length),
      },
    });
    req.on("error", () => undefined); // the abort below is the point
    // Send 2 MiB (past the spool threshold, so a temp file exists), then wait until the
    // server has it on disk, then vanish.
    req.write(body.subarray(0, 2 * 1024 * 1024));
    for (let tries = 0; tries < 500 && (await tempEntries(root)).length < 2; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect((await tempEntries(root)).length).toBe(2);
    req.destroy();
    expect((await outcome).error).toBeInstanceOf(ClientDisconnected);
    expect(await tempEntries(root)).toEqual([]);
  });
});
