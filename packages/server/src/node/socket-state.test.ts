import { describe, expect, it } from "vitest";
import { fixedLocalAddress } from "./socket-state";

describe("fixedLocalAddress", () => {
  it("is the bound address when the server listens on one interface", () => {
    const address = fixedLocalAddress({ address: "127.0.0.1", port: 8000 });
    expect(address).toEqual(["127.0.0.1", 8000]);
    expect(Object.isFrozen(address)).toBe(true);
    expect(fixedLocalAddress({ address: "::1", port: 1 })).toEqual(["::1", 1]);
  });

  it("is unknown for a wildcard listener (each connection has its own local address)", () => {
    expect(fixedLocalAddress({ address: "0.0.0.0", port: 8000 })).toBeUndefined();
    expect(fixedLocalAddress({ address: "::", port: 8000 })).toBeUndefined();
  });
});
