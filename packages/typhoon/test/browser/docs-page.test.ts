// The docs page in a real browser (Debian's Chromium, driven by playwright-core): it renders
// offline from the app's own bundle, sends a request from the page, and logs in with the OAuth2
// password flow to call a protected route.
import { existsSync } from "node:fs";
import { type Browser, chromium, type Page } from "playwright-core";
import * as v from "valibot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Depends, dependency, Form, HTTPException, Path, serve, Typhoon } from "../../src/index";
import { OAuth2PasswordBearer, OAuth2PasswordRequestForm } from "../../src/security/index";

const CHROMIUM = "/usr/bin/chromium";
// Locally a missing browser skips the suite; CI installs Chromium, so there it must run.
const available = existsSync(CHROMIUM) || process.env.CI === "true";

function makeApp() {
  const app = new Typhoon({
    title: "Browser Demo",
    version: "1.0.0",
    logger: { info() {}, warn() {}, error() {} },
  });
  const oauth2 = new OAuth2PasswordBearer({ tokenUrl: "/token" });
  const currentUser = dependency({ token: Depends(oauth2) }, ({ token }) => {
    if (token !== "token-alice")
      throw new HTTPException(401, "Invalid token", { "WWW-Authenticate": "Bearer" });
    return { username: "alice" };
  });
  app.get(
    "/items/{item_id}",
    { params: { item_id: Path(v.pipe(v.number(), v.integer())) }, summary: "Read item" },
    ({ item_id }) => ({
      item_id,
      name: `item-${item_id}`,
    }),
  );
  app.post(
    "/token",
    { params: { form: Form(OAuth2PasswordRequestForm) }, summary: "Login" },
    ({ form }) => {
      if (form.username !== "alice" || form.password !== "wonderland")
        throw new HTTPException(400, "Incorrect username or password");
      return { access_token: "token-alice", token_type: "bearer" };
    },
  );
  app.get(
    "/users/me",
    { params: { user: Depends(currentUser) }, summary: "Read me" },
    ({ user }) => user,
  );
  return app;
}

describe.skipIf(!available)("the /docs page in Chromium", () => {
  let server: Awaited<ReturnType<typeof serve>>;
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];

  beforeAll(async () => {
    server = await serve(makeApp(), { host: "127.0.0.1", port: 0, logLevel: "silent" });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
      ],
    });
    page = await browser.newPage();
    page.on("request", (request) => requests.push(`${request.method()} ${request.url()}`));
    await page.goto(`${server.url}/docs`);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /**
   * Clicks Send until the request the page makes passes `check` (the client commits edits
   * and stored tokens after a short delay, longer on a loaded machine); at most 10 tries.
   */
  async function sendUntil(
    path: string,
    check: (request: import("playwright-core").Request) => boolean,
  ) {
    for (let attempt = 0; attempt < 10; attempt++) {
      const sent = page.waitForRequest((request) =>
        new URL(request.url()).pathname.startsWith(path),
      );
      await page.getByRole("button", { name: /^Send/ }).first().click();
      const request = await sent;
      if (check(request)) return request;
      await page.waitForTimeout(200);
    }
    throw new Error(`the page never sent the expected request to ${path}`);
  }

  /** Types into a field of Scalar's client, found by its label (an input or a code editor). */
  async function fill(label: string, value: string) {
    const element = page.locator("label", { hasText: label }).first();
    const id = await element.getAttribute("for");
    // Newer Scalar releases label the editor with aria-labelledby instead of `for`.
    const target =
      id !== null
        ? page.locator(`[id="${id}"]`)
        : page.locator(`[aria-labelledby="${await element.getAttribute("id")}"]`);
    if ((await target.evaluate((element) => element.tagName)) === "INPUT") await target.fill(value);
    else {
      const editable = (await target.getAttribute("contenteditable")) === "true";
      await (editable ? target : target.locator('[contenteditable="true"]')).click();
      await page.keyboard.type(value);
    }
  }

  it("lists the operations, with nothing loaded from outside the app", async () => {
    for (const summary of ["Read item", "Login", "Read me"])
      await expect(page.getByText(summary).first().isVisible()).resolves.toBe(true);
    const foreign = requests.filter((r) => !r.includes(server.url));
    expect(foreign).toEqual([]);
    expect(requests.some((r) => r.includes("/docs/scalar.js"))).toBe(true);
  });

  it("sends a request from the page and shows the live response", async () => {
    await page.getByRole("button", { name: /Test Request\s*\(get \/items/ }).click();
    const editors = page.locator('[contenteditable="true"]');
    await editors.nth(1).click();
    await page.keyboard.type("42");
    await sendUntil("/items/", (request) => request.url().endsWith("/items/42"));
    await expect(
      page.getByText('"item-42"').first().waitFor({ timeout: 10_000 }),
    ).resolves.toBeUndefined();
    await page.getByRole("button", { name: "Close Client" }).click();
  }, 30_000);

  it("logs in with the OAuth2 password flow and calls a protected route", async () => {
    await page.getByRole("button", { name: /Test Request\s*\(get \/users\/me/ }).click();
    // Newer Scalar releases show the client's Authentication section collapsed.
    const collapsed = page.getByRole("button", { name: /Authentication.*\(Collapsed\)/ });
    if ((await collapsed.count()) > 0) await collapsed.first().click();
    await fill("Username", "alice");
    await fill("Password", "wonderland");
    await page.waitForTimeout(300);
    const token = page.waitForResponse((response) => response.url().endsWith("/token"));
    await page.getByRole("button", { name: "Authorize" }).click();
    const login = await token;
    expect(login.status()).toBe(200);
    expect(login.request().postData()).toContain("username=alice");
    const me = await sendUntil(
      "/users/me",
      (request) => request.headers().authorization !== "Bearer",
    );
    expect(me.headers().authorization).toBe("Bearer token-alice");
    await expect(
      page.getByText('"alice"').first().waitFor({ timeout: 10_000 }),
    ).resolves.toBeUndefined();
  }, 30_000);
});
