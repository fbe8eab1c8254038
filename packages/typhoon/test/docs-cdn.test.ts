import { SCALAR_CDN } from "@typhoon/docs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Typhoon } from "../src/index";
import { TestClient } from "../src/testing/index";

// The workspace installs @scalar/api-reference; this file runs as if it were not.
vi.mock("@typhoon/docs", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@typhoon/docs")>()),
  installedScalarBundle: () => undefined,
}));

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the docs page without @scalar/api-reference", () => {
  it("loads the pinned, integrity-checked CDN build and says once how to go offline", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const app = new Typhoon({ title: "Online" });
    const client = new TestClient(app);
    const page = await client.get("/docs");
    expect(page.status).toBe(200);
    expect(page.text).toContain(
      `<script src="${SCALAR_CDN.url}" integrity="${SCALAR_CDN.integrity}" crossorigin="anonymous"></script>`,
    );
    expect(page.text).not.toContain("scalar.js");
    await client.get("/docs");
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toContain("npm install @scalar/api-reference");
  });

  it("answers 404 for the app's own copy of the bundle", async () => {
    const client = new TestClient(new Typhoon());
    const bundle = await client.get("/docs/scalar.js");
    expect(bundle.status).toBe(404);
    expect(bundle.json()).toEqual({ detail: "Not Found" });
  });
});
