import { describe, expect, it } from "vitest";
import { contentTypeFor, DEFAULT_MEDIA_TYPE, guessMediaType } from "./media-types";

describe("guessMediaType", () => {
  it("maps common extensions, case-insensitively, from the last dot", () => {
    expect(guessMediaType("index.html")).toBe("text/html");
    expect(guessMediaType("/srv/app/main.JS")).toBe("text/javascript");
    expect(guessMediaType("archive.tar.gz")).toBe("application/gzip");
    expect(guessMediaType("logo.svg")).toBe("image/svg+xml");
    expect(guessMediaType("font.woff2")).toBe("font/woff2");
  });

  it("falls back to application/octet-stream", () => {
    expect(guessMediaType("data.unknownext")).toBe(DEFAULT_MEDIA_TYPE);
    expect(guessMediaType("README")).toBe(DEFAULT_MEDIA_TYPE);
    expect(guessMediaType("dir.d/README")).toBe(DEFAULT_MEDIA_TYPE);
    expect(guessMediaType(".env")).toBe(DEFAULT_MEDIA_TYPE);
    expect(guessMediaType("file.")).toBe(DEFAULT_MEDIA_TYPE);
  });

  it("never answers from the object prototype", () => {
    expect(guessMediaType("x.constructor")).toBe(DEFAULT_MEDIA_TYPE);
    expect(guessMediaType("x.__proto__")).toBe(DEFAULT_MEDIA_TYPE);
  });
});

describe("contentTypeFor", () => {
  it("adds a UTF-8 charset to text types only", () => {
    expect(contentTypeFor("a.css")).toBe("text/css; charset=utf-8");
    expect(contentTypeFor("a.png")).toBe("image/png");
    expect(contentTypeFor("a.json")).toBe("application/json");
  });
});
