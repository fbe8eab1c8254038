import { expect, it } from "vitest";
import { docsUrl } from "./docs-url";

it.each([
  ["127.0.0.1", 8000, "http://127.0.0.1:8000/docs"],
  ["0.0.0.0", 80, "http://localhost:80/docs"],
  ["::", 8000, "http://localhost:8000/docs"],
  ["::1", 8000, "http://[::1]:8000/docs"],
  ["api.local", 9000, "http://api.local:9000/docs"],
])("docsUrl(%s, %d) → %s", (host, port, url) => {
  expect(docsUrl(host, port)).toBe(url);
});
