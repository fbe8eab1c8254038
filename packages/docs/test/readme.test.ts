import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { description, document, server } from "./fixtures/readme-example";
import { expectValidDocument } from "./helpers";

const here = new URL(".", import.meta.url);
let base = "";

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
});

describe("the README example", () => {
  it("is the README's code, verbatim", () => {
    const readme = readFileSync(new URL("../README.md", here), "utf8");
    const code = readFileSync(new URL("./fixtures/readme-example.ts", here), "utf8");
    expect(readme).toContain(`\`\`\`ts\n${code}\`\`\``);
  });

  it("builds a valid document", async () => {
    await expectValidDocument(document);
    expect(document.paths["/items/{item_id}"]!.get).toMatchObject({
      operationId: "read_item_items__item_id__get",
      security: [{ OAuth2PasswordBearer: ["items"] }],
    });
    expect(Object.keys(document.components?.schemas ?? {})).toEqual([
      "Body_login_token_post",
      "HTTPValidationError",
      "Item",
      "ValidationError",
    ]);
    expect(description.operations).toHaveLength(2);
  });

  it("serves the document, the page and the bundle (with a 304 on revalidation)", async () => {
    const openapi = await fetch(`${base}/openapi.json`);
    expect(openapi.headers.get("content-type")).toBe("application/json");
    expect(await openapi.json()).toEqual(document);

    const page = await fetch(`${base}/docs`);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await page.text();
    const script = /<script src="([^"]+)"><\/script>/.exec(html)?.[1];
    expect(script).toMatch(/^\/docs\/scalar\.js\?v=[\w-]{16}$/);
    expect(html).toContain('"url":"/openapi.json"');

    const js = await fetch(`${base}${script}`);
    expect(js.status).toBe(200);
    expect(js.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    const body = await js.text();
    expect(body).toContain("createApiReference");
    const etag = js.headers.get("etag")!;
    const again = await fetch(`${base}${script}`, { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    await again.arrayBuffer();

    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });
});
