import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, resolveServeOptions } from "./options";

describe("resolveServeOptions", () => {
  it("fills safe defaults", () => {
    const resolved = resolveServeOptions();
    expect(resolved).toMatchObject({
      host: "127.0.0.1",
      port: 8000,
      rootPath: "",
      gracefulTimeout: 10_000,
      lifespan: "auto",
      accessLog: true,
      state: {},
    });
    expect(resolved.limits).toEqual(DEFAULT_LIMITS);
    expect(DEFAULT_LIMITS).toMatchObject({
      maxHeaderSize: 16_384,
      maxHeadersCount: 100,
      maxBodySize: 10_485_760,
    });
  });

  it("merges partial limits, ignoring undefined entries", () => {
    const { limits } = resolveServeOptions({
      limits: { maxBodySize: 5, maxConnections: undefined },
    });
    expect(limits.maxBodySize).toBe(5);
    expect(limits.maxConnections).toBe(DEFAULT_LIMITS.maxConnections);
  });

  it("turns the access log off when asked or when the level hides info lines", () => {
    expect(resolveServeOptions({ accessLog: false }).accessLog).toBe(false);
    expect(resolveServeOptions({ logLevel: "warn" }).accessLog).toBe(false);
    expect(resolveServeOptions({ logLevel: "debug" }).accessLog).toBe(true);
    const logger = { info() {}, warn() {}, error() {} };
    expect(resolveServeOptions({ logger, logLevel: "silent" }).accessLog).toBe(true);
  });

  it.each([
    [{ port: -1 }, /port must be an integer >= 0/],
    [{ port: 70_000 }, /port must be at most 65535/],
    [{ port: 1.5 }, /port/],
    [{ gracefulTimeout: -5 }, /gracefulTimeout/],
    [{ limits: { maxHeaderSize: 0 } }, /limits.maxHeaderSize must be an integer >= 1/],
    [{ limits: { maxBodySize: Number.NaN } }, /limits.maxBodySize/],
    [
      { limits: { headersTimeout: 2_000, requestTimeout: 1_000 } },
      /headersTimeout must not exceed/,
    ],
    [{ rootPath: "api" }, /rootPath/],
    [{ rootPath: "/api/" }, /rootPath/],
  ])("rejects %j", (options, message) => {
    expect(() => resolveServeOptions(options)).toThrow(message);
  });

  it("allows 0 for the ping interval and keep-alive timeout (off)", () => {
    const { limits } = resolveServeOptions({
      limits: { webSocketPingInterval: 0, keepAliveTimeout: 0 },
    });
    expect(limits.webSocketPingInterval).toBe(0);
    expect(limits.keepAliveTimeout).toBe(0);
  });
});
