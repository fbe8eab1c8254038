import { expect, it } from "vitest";
import { RouteGroup, Router } from "../src/index";

// The README's example, kept runnable: if this file changes, update the README with it.
it("runs the README example", () => {
  const log: unknown[] = [];
  const console = { log: (value: unknown) => log.push(value) };

  // --- README example start ---
  type Handler = (params: Record<string, string>) => string;

  const router = new Router<Handler>();
  router.add(["GET"], "/users/me", () => "the current user", { name: "me" });
  router.add(["GET"], "/users/{user_id}", (p) => `user ${p.user_id}`, { name: "user" });
  router.add(["GET"], "/files/{file_path:path}", (p) => `file ${p.file_path}`);
  router.mount("/static", "a static-files app");

  const result = router.match("GET", "/users/42");
  if (result.kind === "full") console.log(result.route(result.params)); // "user 42"

  console.log(router.match("POST", "/users/42")); // { kind: "partial", allow: ["GET"] }
  console.log(router.match("GET", "/static/css/site.css"));
  // { kind: "mount", target: "a static-files app", rootPath: "/static", path: "/css/site.css" }
  console.log(router.redirectTarget("/users/me/")); // "/users/me"
  console.log(router.urlFor("user", { user_id: "a b" })); // "/users/a%20b"

  // Groups: what an APIRouter is made of, flattened once at startup.
  const items = new RouteGroup<string, { tags: string[] }>({ options: { tags: ["items"] } });
  items.add({ methods: ["GET"], path: "/", route: "list items" });
  const app = new RouteGroup<string, { tags: string[] }>();
  app.include(items, { prefix: "/v1/items" });
  app.include(items, { prefix: "/v2/items", options: { tags: ["v2"] } });
  for (const entry of app.entries()) console.log([entry.path, entry.chain]);
  // ["/v1/items/", [{ tags: ["items"] }]]
  // ["/v2/items/", [{ tags: ["v2"] }, { tags: ["items"] }]]
  // --- README example end ---

  expect(log).toEqual([
    "user 42",
    { kind: "partial", allow: ["GET"] },
    { kind: "mount", target: "a static-files app", rootPath: "/static", path: "/css/site.css" },
    "/users/me",
    "/users/a%20b",
    ["/v1/items/", [{ tags: ["items"] }]],
    ["/v2/items/", [{ tags: ["v2"] }, { tags: ["items"] }]],
  ]);
});
