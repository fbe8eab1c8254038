import { named } from "@typhoon/validation";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { buildOpenAPI, type SecuritySchemeDescription } from "../src/index";
import { api, expectValidDocument } from "./helpers";

const oauth2: SecuritySchemeDescription = {
  name: "OAuth2PasswordBearer",
  definition: {
    type: "oauth2",
    flows: {
      password: { tokenUrl: "token", scopes: { me: "Read yourself", items: "Read items" } },
    },
  },
};
const apiKey: SecuritySchemeDescription = {
  name: "APIKeyHeader",
  definition: { type: "apiKey", in: "header", name: "X-API-Key" },
};

describe("security", () => {
  it("lists schemes in components and requirements with scopes on operations", async () => {
    const doc = buildOpenAPI(
      api([
        {
          method: "GET",
          path: "/users/me",
          name: "read_me",
          security: [{ scheme: oauth2, scopes: ["me"] }],
        },
        {
          method: "GET",
          path: "/users/me/items",
          name: "read_my_items",
          // The same scheme met twice along the dependency chain: one entry, scopes merged.
          security: [
            { scheme: oauth2, scopes: ["me"] },
            { scheme: oauth2, scopes: ["items", "me"] },
            { scheme: apiKey },
          ],
        },
        { method: "GET", path: "/public", name: "public" },
      ]),
    );
    await expectValidDocument(doc);
    expect(doc.components?.securitySchemes).toEqual({
      OAuth2PasswordBearer: oauth2.definition,
      APIKeyHeader: apiKey.definition,
    });
    expect(doc.paths["/users/me"]!.get!.security).toEqual([{ OAuth2PasswordBearer: ["me"] }]);
    expect(doc.paths["/users/me/items"]!.get!.security).toEqual([
      { OAuth2PasswordBearer: ["me", "items"] },
      { APIKeyHeader: [] },
    ]);
    expect(doc.paths["/public"]!.get).not.toHaveProperty("security");
    // The password flow's token URL is what the docs page's "Authorize" form posts to.
    expect(doc.components?.securitySchemes?.OAuth2PasswordBearer).toMatchObject({
      flows: { password: { tokenUrl: "token" } },
    });
  });

  it("refuses two definitions under one name, and malformed schemes", () => {
    const other = { ...oauth2, definition: { type: "http", scheme: "bearer" } };
    const build = (security: object[]) => () =>
      buildOpenAPI(api([{ method: "GET", path: "/a", name: "a", security: security as never }]));
    expect(build([{ scheme: oauth2 }, { scheme: other }])).toThrow(
      expect.objectContaining({ code: "COMPONENT_CONFLICT" }),
    );
    expect(build([{ scheme: { name: "x y", definition: { type: "http" } } }])).toThrow(
      /invalid security scheme name/,
    );
    expect(build([{ scheme: { name: "X", definition: { type: "magic" } } }])).toThrow(
      /needs a definition with type/,
    );
    expect(build([{ scheme: apiKey, scopes: [1] }])).toThrow(/scope that is not a string/);
  });
});

describe("callbacks", () => {
  it("document operations under runtime expressions, with their own ids and schemas", async () => {
    const Invoice = named("Invoice", v.object({ id: v.string(), total: v.number() }));
    const doc = buildOpenAPI(
      api([
        {
          method: "POST",
          path: "/invoices",
          name: "create_invoice",
          validatesInput: true,
          requestBody: { content: [{ mediaType: "application/json", schema: Invoice }] },
          callbacks: {
            invoice_notification: [
              {
                method: "POST",
                path: "{$request.body#/callback_url}/invoices/{$request.body#/id}",
                name: "invoice_notification",
                requestBody: { content: [{ mediaType: "application/json", schema: Invoice }] },
                responses: [{ status: 200, schema: v.object({ ok: v.boolean() }) }],
                validatesInput: true,
              },
            ],
          },
        },
      ]),
    );
    await expectValidDocument(doc);
    const callbacks = doc.paths["/invoices"]!.post!.callbacks!;
    const expression = "{$request.body#/callback_url}/invoices/{$request.body#/id}";
    const callback = callbacks.invoice_notification![expression]!.post!;
    // FastAPI's id for the same callback route.
    expect(callback.operationId).toBe(
      "invoice_notification__request_body__callback_url__invoices___request_body__id__post",
    );
    expect(callback.summary).toBe("Invoice Notification");
    expect(callback.requestBody).toMatchObject({
      content: { "application/json": { schema: { $ref: "#/components/schemas/Invoice" } } },
    });
    expect(Object.keys(callback.responses)).toEqual(["200", "422"]);
  });

  it("name the parent operation in errors", () => {
    expect(() =>
      buildOpenAPI(
        api([
          {
            method: "POST",
            path: "/a",
            name: "a",
            callbacks: {
              cb: [
                {
                  method: "POST",
                  path: "{$url}",
                  name: "cb",
                  responses: [{ status: 200, schema: v.custom(() => true) }],
                },
              ],
            },
          },
        ]),
      ),
    ).toThrow(/^POST \/a → callback "cb": POST \{\$url\}: response 200: Cannot express/);
  });
});

describe("webhooks", () => {
  it("are keyed by name, one path item per webhook", async () => {
    const Subscription = named("Subscription", v.object({ username: v.string() }));
    const doc = buildOpenAPI(
      api([], {
        webhooks: [
          {
            method: "POST",
            path: "new-subscription",
            name: "new_subscription",
            description: "Sent when a user subscribes",
            requestBody: { content: [{ mediaType: "application/json", schema: Subscription }] },
          },
          { method: "DELETE", path: "new-subscription", name: "cancel_subscription" },
        ],
      }),
    );
    await expectValidDocument(doc);
    expect(Object.keys(doc.webhooks ?? {})).toEqual(["new-subscription"]);
    const item = doc.webhooks!["new-subscription"]!;
    expect(Object.keys(item)).toEqual(["post", "delete"]);
    // FastAPI: app.webhooks.post("new-subscription") has the path "new-subscription" (no
    // slash), so its generated id is name + path with no separator.
    expect(item.post!.operationId).toBe("new_subscriptionnew_subscription_post");
    expect(doc.paths).toEqual({});
  });
});
