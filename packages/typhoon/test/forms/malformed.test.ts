import { ClientDisconnected, type ReceiveMessage } from "@typhoon/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FormParseError, parseForm } from "../../src/forms/index";
import {
  BOUNDARY,
  fakeReceive,
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
  // Every failure must have removed its temporary files before it was thrown.
  expect(await tempEntries(root)).toEqual([]);
  await removeTempRoot(root);
});

const options = () => ({ tempDir: root, spoolThreshold: 0 });

async function refusal(
  body: Uint8Array | string,
  contentType = MULTIPART,
  sizes = [4096],
): Promise<FormParseError> {
  const error = await parseForm(fakeReceive(body, { sizes }), contentType, options()).then(
    (form) => form.close().then(() => new Error(`parsed: ${JSON.stringify([...form.keys()])}`)),
    (caught: unknown) => caught,
  );
  if (error instanceof FormParseError) return error;
  throw error;
}

const valid = multipartBody([
  { name: "a", body: "1" },
  { name: "doc", filename: "doc.txt", body: "x".repeat(20_000) },
  { name: "b", body: "2" },
]);

describe("malformed multipart is a 400 with a clear detail", () => {
  it("missing boundary", async () => {
    const error = await refusal(valid, "multipart/form-data");
    expect([error.status, error.code, error.detail]).toEqual([
      400,
      "FORM_MISSING_BOUNDARY",
      "Missing boundary in multipart.",
    ]);
  });

  it("invalid boundary", async () => {
    const error = await refusal(valid, 'multipart/form-data; boundary=""');
    expect([error.status, error.code]).toEqual([400, "FORM_INVALID_BOUNDARY"]);
  });

  it("a boundary that does not match the body's", async () => {
    const error = await refusal(valid, "multipart/form-data; boundary=other");
    expect([error.status, error.code]).toEqual([400, "FORM_TRUNCATED"]);
  });

  // Cut points: in the first part's headers, in a field, in the middle of the file (already on
  // disk), just before the closing boundary, and in the closing boundary itself.
  for (const cut of [20, 90, 5000, valid.length - 2 - BOUNDARY.length - 4, valid.length - 4]) {
    it(`a body truncated at byte ${cut} of ${valid.length}`, async () => {
      const error = await refusal(valid.subarray(0, cut));
      expect([error.status, error.code]).toEqual([400, "FORM_TRUNCATED"]);
      expect(error.detail).toMatch(/closing boundary/);
    });
  }

  it("garbage that is not multipart at all", async () => {
    const error = await refusal("this is not a form at all, just some text\r\n");
    expect([error.status, error.code]).toEqual([400, "FORM_TRUNCATED"]);
  });

  it("bare LF line endings", async () => {
    const error = await refusal(valid.toString("latin1").replace(/\r\n/g, "\n"));
    expect(error.status).toBe(400);
  });

  it("a malformed part header", async () => {
    const body = `--${BOUNDARY}\r\nContent-Disposition form-data name="a"\r\n\r\n1\r\n--${BOUNDARY}--\r\n`;
    const error = await refusal(body);
    expect([error.status, error.code]).toEqual([400, "FORM_MALFORMED"]);
    expect(error.detail).toMatch(/header/i);
  });

  it("a part header line over busboy's 16 KiB cap", async () => {
    const body = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="a"\r\nX-Pad: ${"p".repeat(17_000)}\r\n\r\n1\r\n--${BOUNDARY}--\r\n`;
    expect((await refusal(body)).code).toBe("FORM_MALFORMED");
  });

  it("a part without a name", async () => {
    for (const disposition of ["form-data", 'form-data; name=""', 'form-data; filename="a.txt"']) {
      const error = await refusal(multipartBody([{ name: "", disposition, body: "v" }]));
      expect([error.status, error.code], disposition).toEqual([400, "FORM_MALFORMED"]);
      expect(error.detail).toMatch(/no name/);
    }
  });

  it("a field in a charset busboy cannot decode", async () => {
    const body = multipartBody([
      { name: "a", contentType: "text/plain; charset=klingon", body: "x" },
    ]);
    expect((await refusal(body)).code).toBe("FORM_MALFORMED");
  });

  it("is a FormParseError that answers like an HTTPException", async () => {
    const error = await refusal(valid, "multipart/form-data");
    const { HTTPException } = await import("../../src/http/exceptions");
    expect(error).toBeInstanceOf(HTTPException);
    expect(error.name).toBe("FormParseError");
  });
});

describe("the client leaving mid-upload", () => {
  for (const after of [1, 3, 6]) {
    it(`cleans up and rethrows ClientDisconnected (after ${after} chunks)`, async () => {
      const receive = fakeReceive(valid, { sizes: [2000], disconnectAfter: after });
      await expect(parseForm(receive, MULTIPART, options())).rejects.toBeInstanceOf(
        ClientDisconnected,
      );
    });
  }

  it("urlencoded too", async () => {
    const receive = fakeReceive("a=1&b=2", { sizes: [3], disconnectAfter: 1 });
    await expect(parseForm(receive, URLENCODED)).rejects.toBeInstanceOf(ClientDisconnected);
  });

  it("refuses a message that is not part of an HTTP body", async () => {
    const receive = async (): Promise<ReceiveMessage> => ({ type: "websocket.connect" });
    await expect(parseForm(receive, MULTIPART, options())).rejects.toThrow(/http.request/);
  });
});

describe("bodies that are not forms", () => {
  it("no content type or another one: an empty form, body left unread", async () => {
    for (const type of [
      undefined,
      "application/json",
      "text/plain",
      "multipart/mixed; boundary=x",
    ]) {
      const receive = fakeReceive('{"a":1}');
      const form = await parseForm(receive, type, options());
      expect(form.size).toBe(0);
      expect(receive.calls).toBe(0);
    }
  });

  it("an empty body: an empty form, for both encodings", async () => {
    for (const type of [MULTIPART, URLENCODED]) {
      const form = await parseForm(fakeReceive(""), type, options());
      expect(form.size).toBe(0);
    }
  });

  it("content types are matched case-insensitively, with parameters", async () => {
    const form = await parseForm(
      fakeReceive("a=1"),
      "Application/X-WWW-Form-Urlencoded; charset=UTF-8",
    );
    expect(form.get("a")).toBe("1");
  });
});
