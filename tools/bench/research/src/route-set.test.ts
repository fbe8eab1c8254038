import { Router } from "@typhoon/router";
import FindMyWay from "find-my-way";
import { describe, expect, it } from "vitest";
import { lookupPaths, routeShapes } from "./route-set";

// The micro-bench only means something if both routers find the same routes for the paths.
describe("router bench route set", () => {
  const shapes = routeShapes(400);
  const paths = lookupPaths(20, 400);
  const typhoon = new Router<number>();
  const fmw = FindMyWay();
  shapes.forEach((shape, i) => {
    typhoon.add(["GET"], shape.typhoon, i);
    fmw.on("GET", shape.fmw, () => {}, { i });
  });

  it("has each kind of path, and both routers agree on every one", () => {
    for (const [kind, list] of Object.entries(paths)) {
      expect(list).toHaveLength(20);
      for (const path of list) {
        const a = typhoon.match("GET", path);
        const b = fmw.find("GET", path);
        if (kind === "miss") {
          expect(a.kind).toBe("none");
          expect(b).toBeNull();
        } else {
          expect(a.kind).toBe("full");
          expect(b).not.toBeNull();
          expect(a.kind === "full" && a.route).toBe((b!.store as { i: number }).i);
          expect(a.kind === "full" && a.params).toEqual({ ...b!.params });
        }
      }
    }
  });
});
