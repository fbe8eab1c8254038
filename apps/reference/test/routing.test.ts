import { TestClient } from "typhoon/testing";
import { describe, expect, it } from "vitest";
import { expectDetail, expectJson, referenceClient } from "./helpers";

describe("apps/reference/SPEC.md §1.7 routing rules", () => {
  const { client } = referenceClient();

  it("405 lists the methods of the first route whose path matched", async () => {
    const post = await client.post("/items/5");
    expectDetail(post, 405, "Method Not Allowed");
    expect(post.headers.get("allow")).toBe("GET");
    const del = await client.delete("/items");
    expectDetail(del, 405, "Method Not Allowed");
    expect(del.headers.get("allow")).toBe("POST");
    const patch = await client.patch("/multi-method");
    expectDetail(patch, 405, "Method Not Allowed");
    expect(
      patch.headers
        .get("allow")
        ?.split(",")
        .map((m) => m.trim())
        .sort(),
    ).toEqual(["DELETE", "GET", "POST"]);
  });

  it("HEAD on a GET route: the GET's status and headers, no body (the accepted better behaviour)", async () => {
    const get = await client.get("/items/3");
    const head = await client.head("/items/3");
    expect(head.status).toBe(200);
    expect(head.body.byteLength).toBe(0);
    expect(head.headers.get("content-type")).toBe(get.headers.get("content-type"));
  });

  it("trailing-slash redirects: 307, empty, absolute Location with the raw query", async () => {
    const cases: [string, string, string][] = [
      ["GET", "/slash", "http://testserver/slash/"],
      ["GET", "/slash?x=1&y=%C3%A9", "http://testserver/slash/?x=1&y=%C3%A9"],
      ["POST", "/slash", "http://testserver/slash/"],
      ["GET", "/noslash/", "http://testserver/noslash"],
      ["GET", "/v1/inventory", "http://testserver/v1/inventory/"],
      ["PUT", "/items/5/", "http://testserver/items/5"],
    ];
    for (const [method, path, location] of cases) {
      const res = await client.request(method, path, { followRedirects: false });
      expect(res.status, `${method} ${path}`).toBe(307);
      expect(res.headers.get("location")).toBe(location);
      expect(res.body.byteLength).toBe(0);
      expect(res.headers.get("content-type")).toBeUndefined();
    }
  });

  it("the Location uses the request's Host header", async () => {
    const { app } = referenceClient();
    const res = await new TestClient(app, { host: "api.example:8080", followRedirects: false }).get(
      "/slash",
    );
    expect(res.headers.get("location")).toBe("http://api.example:8080/slash/");
  });

  it("no redirect for / or when the flipped path matches nothing", async () => {
    expectDetail(await client.get("/nothing/"), 404, "Not Found");
    expectDetail(await client.get("//"), 404, "Not Found");
  });

  it("a plain HTTP request to the WebSocket path is a 404", async () => {
    expectDetail(await client.get("/ws/lobby"), 404, "Not Found");
  });

  it("the slash routes themselves", async () => {
    expectJson(await client.get("/slash/"), { route: "with-slash" });
    expectJson(await client.get("/noslash"), { route: "without-slash" });
  });
});
