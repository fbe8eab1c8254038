import type { ServerApp } from "@typhoon/server";
import { describe, expect, it } from "vitest";
import { HTTPException, Typhoon } from "../../src/index";
import { JSONResponse } from "../../src/responses/index";
import { TestClient } from "../../src/testing/index";

const quiet = { info() {}, warn() {}, error() {} };

class Boom extends Error {}
class Teapot extends Error {}

function app(): Typhoon {
  const app = new Typhoon({ logger: quiet });
  app.get("/boom", () => {
    throw new Boom("the handler failed");
  });
  app.get("/async-boom", async () => {
    await Promise.resolve();
    throw new Boom("later");
  });
  app.get("/missing", () => {
    throw new HTTPException(404, "Item not found");
  });
  app.get("/teapot", () => {
    throw new Teapot("handled");
  });
  app.exceptionHandler(Teapot, () => new JSONResponse({ handled: true }, { status: 418 }));
  return app;
}

it("raises the error of a plain server app, or answers its 500 when told so", async () => {
  const plain: ServerApp = async () => {
    throw new Boom("plain");
  };
  await expect(new TestClient(plain).get("/")).rejects.toThrow("plain");
  const answered = await new TestClient(plain, { raiseServerExceptions: false }).get("/");
  expect(answered.status).toBe(500);
});

describe("TestClient raiseServerExceptions (FastAPI's raise_server_exceptions)", () => {
  it("rejects with the error the app did not handle, by default", async () => {
    const client = new TestClient(app());
    await expect(client.get("/boom")).rejects.toThrow(Boom);
    await expect(client.get("/async-boom")).rejects.toThrow("later");
  });

  it("answers the 500 instead when raiseServerExceptions is false", async () => {
    const client = new TestClient(app(), { raiseServerExceptions: false });
    const res = await client.get("/boom");
    expect(res.status).toBe(500);
    expect(res.text).toBe("Internal Server Error");
  });

  it("never raises an HTTPException or an error a handler answers", async () => {
    const client = new TestClient(app());
    const missing = await client.get("/missing");
    expect(missing.status).toBe(404);
    expect(missing.json()).toEqual({ detail: "Item not found" });
    const teapot = await client.get("/teapot");
    expect(teapot.status).toBe(418);
  });

  it("raises an error of middleware too", async () => {
    const failing = new Typhoon({ logger: quiet });
    failing.get("/", () => "ok");
    failing.addMiddleware(() => async () => {
      throw new Boom("middleware failed");
    });
    await expect(new TestClient(failing).get("/")).rejects.toThrow("middleware failed");
  });

  it("raises from a client started with its lifespan too", async () => {
    await using client = await TestClient.start(app());
    await expect(client.get("/boom")).rejects.toThrow(Boom);
  });
});
