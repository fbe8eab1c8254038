/**
 * Where the docs page loads Scalar when `@scalar/api-reference` is not installed: one pinned
 * release from jsDelivr (FastAPI's default CDN), checked by the browser against `integrity`
 * (Subresource Integrity), so a changed or tampered file is refused rather than run.
 *
 * `integrity` is the SHA-384 of `dist/browser/standalone.js` in the npm tarball of `version`
 * (jsDelivr serves the npm file unchanged); a test compares it with the installed file when
 * the installed version is this one. To move the pin, change all three fields together.
 */
export const SCALAR_CDN = {
  version: "1.76.4",
  url: "https://cdn.jsdelivr.net/npm/@scalar/api-reference@1.76.4/dist/browser/standalone.js",
  integrity: "sha384-hwB9WroDTpZaI38gr+u9CXA6ksz5gUYgD2GxXazKl/agT1L2GWUiRFWGJYNiFu4Q",
} as const;

/** What to tell a user whose docs page loads Scalar from the CDN. */
export const SCALAR_OFFLINE_HINT =
  "the docs page loads Scalar from cdn.jsdelivr.net; to serve it from the app (offline, no CDN), run `npm install @scalar/api-reference`";
