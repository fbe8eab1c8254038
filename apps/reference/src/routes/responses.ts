import { APIRouter, HTTPException, Path, Response } from "typhoon";
import { HTMLResponse, PlainTextResponse, RedirectResponse } from "typhoon/responses";
import * as v from "valibot";
import { str } from "../schemas";

const UserIn = v.object({
  username: str({ min: 3, max: 20, pattern: /^[a-z0-9_]+$/ }),
  password: str({ min: 8 }),
  email: v.string(),
  full_name: v.optional(v.nullable(v.string()), null),
});

const UserOut = v.object({
  username: v.string(),
  email: v.string(),
  full_name: v.optional(v.nullable(v.string()), null),
});

const Profile = v.object({
  username: v.string(),
  bio: v.optional(v.nullable(v.string()), null),
  website: v.optional(v.nullable(v.string()), null),
  followers: v.optional(v.number(), 0),
});

/** Stored profiles: only the keys each one sets appear in its answer (exclude unset). */
const profiles: Record<string, v.InferInput<typeof Profile>> = {
  ann: { username: "ann", bio: "writes code" },
  ben: { username: "ben", followers: 12, website: null },
  cal: { username: "cal", bio: null, website: "https://cal.example", followers: 3 },
};

const Product = v.object({ sku: v.string(), name: v.string(), stock: v.number() });

/** apps/reference/SPEC.md §2.6: response models and response shaping. */
export function responseRoutes(): APIRouter {
  const router = new APIRouter();

  router.post(
    "/users",
    { params: { user: UserIn }, response: UserOut, status: 201 },
    // The stored record carries internal fields; the response model keeps them out.
    ({ user }) => ({ ...user, id: 1, password_hash: `hashed:${user.password}`, is_admin: false }),
  );

  router.get("/users-list", { response: v.array(UserOut) }, () => [
    { username: "ann", email: "ann@example.com", full_name: null, password: "ann-secret" },
    { username: "ben", email: "ben@example.com", full_name: "Ben B", password: "ben-secret" },
  ]);

  router.get(
    "/profiles/{username}",
    { params: { username: Path(v.string()) }, response: Profile, excludeUnset: true },
    ({ username }) => {
      // Own keys only: `/profiles/constructor` must be a 404, not Object's prototype.
      const profile = Object.hasOwn(profiles, username) ? profiles[username] : undefined;
      if (profile === undefined) {
        throw new HTTPException(404, "Profile not found", { "X-Error": "profile-missing" });
      }
      return profile;
    },
  );

  router.get(
    "/products/{sku}",
    { params: { sku: Path(v.string()) }, response: Product },
    ({ sku }) => ({
      sku,
      name: `Product ${sku.toUpperCase()}`,
      stock: 7,
      internal_code: `INT-${sku}`,
    }),
  );

  router.get(
    "/fail/bad-response",
    { response: UserOut },
    // The model requires `email`; the data lacks it, so the answer is a 500.
    () => ({ username: "nobody" }) as unknown as v.InferInput<typeof UserOut>,
  );

  router.get("/plain", () => new PlainTextResponse("just some text"));

  router.get("/html", () => new HTMLResponse("<html><body><h1>Conformance</h1></body></html>"));

  router.get("/redirect-me", () => new RedirectResponse("/items/42"));

  router.get("/accepted", { params: { response: Response } }, ({ response }) => {
    response.status = 202;
    response.setHeader("X-Request-Id", "req-123");
    return { accepted: true };
  });

  router.get("/no-content", { status: 204 }, () => undefined);

  return router;
}
