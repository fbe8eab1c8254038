import { describe, expect, it } from "vitest";
import { SCALAR_CDN } from "./cdn";
import { escapeHtml, jsonForScript } from "./escape";
import { scalarDefaults, scalarHtml } from "./html";

const EVIL = "</script><script>alert(1)</script>";

/** The configuration object the inline script passes to Scalar, parsed back. */
function embeddedConfiguration(html: string): Record<string, unknown> {
  const match = /Scalar\.createApiReference\("#app", (.*)\);\n/.exec(html);
  expect(match).not.toBeNull();
  return JSON.parse(match![1]!);
}

const count = (text: string, needle: string) => text.split(needle).length - 1;

describe("scalarHtml", () => {
  it("loads the bundle from scriptUrl and points Scalar at openapiUrl, offline", () => {
    const html = scalarHtml({
      title: "Shop API",
      openapiUrl: "/openapi.json",
      scriptUrl: "/docs/scalar.js",
    });
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain("<title>Shop API</title>");
    expect(html).toContain('<script src="/docs/scalar.js"></script>');
    expect(html).not.toMatch(/https?:\/\//);
    expect(embeddedConfiguration(html)).toEqual({ ...scalarDefaults(), url: "/openapi.json" });
    expect(scalarDefaults()).toMatchObject({ withDefaultFonts: false, telemetry: false });
  });

  it("passes theme, preferred security scheme and extra configuration; url always wins", () => {
    const html = scalarHtml({
      title: "t",
      openapiUrl: "/api/openapi.json",
      scriptUrl: "/api/docs/scalar.js",
      theme: "moon",
      preferredSecurityScheme: "OAuth2PasswordBearer",
      configuration: {
        hideModels: true,
        withDefaultFonts: true,
        url: "https://elsewhere",
        authentication: { securitySchemes: { OAuth2PasswordBearer: { token: "t" } } },
      },
    });
    expect(embeddedConfiguration(html)).toMatchObject({
      theme: "moon",
      authentication: {
        preferredSecurityScheme: "OAuth2PasswordBearer",
        securitySchemes: { OAuth2PasswordBearer: { token: "t" } },
      },
      hideModels: true,
      withDefaultFonts: true,
      url: "/api/openapi.json",
    });
  });

  it("cannot be broken out of by any value (title, URLs, configuration)", () => {
    const html = scalarHtml({
      title: EVIL,
      openapiUrl: `/x"></script><script>alert(2)</script>`,
      scriptUrl: `/s.js" onload="alert(3)`,
      nonce: `n"><script>alert(4)</script>`,
      configuration: { customCss: EVIL, note: "<!-- \u2028\u2029 & >" },
    });
    // Exactly the page's own two script elements.
    expect(count(html, "<script")).toBe(2);
    expect(count(html, "</script")).toBe(2);
    expect(html).not.toContain("alert(1)</script>");
    expect(html).toContain("<title>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>");
    expect(html).toContain('src="/s.js&quot; onload=&quot;alert(3)"');
    expect(html).not.toMatch(/[\u2028\u2029]/);
    expect(html).not.toContain("<!--");
    // The values arrive intact in the page.
    const config = embeddedConfiguration(html);
    expect(config.url).toBe(`/x"></script><script>alert(2)</script>`);
    expect(config.customCss).toBe(EVIL);
    expect(config.note).toBe("<!-- \u2028\u2029 & >");
  });

  it("checks a CDN script with its integrity hash", () => {
    const html = scalarHtml({
      title: "t",
      openapiUrl: "/o",
      scriptUrl: SCALAR_CDN.url,
      scriptIntegrity: SCALAR_CDN.integrity,
      nonce: "n",
    });
    expect(html).toContain(
      `<script src="${SCALAR_CDN.url}" integrity="${SCALAR_CDN.integrity}" crossorigin="anonymous" nonce="n"></script>`,
    );
  });

  it("adds a CSP nonce to both scripts", () => {
    const html = scalarHtml({ title: "t", openapiUrl: "/o", scriptUrl: "/s", nonce: "abc123" });
    expect(count(html, ' nonce="abc123"')).toBe(2);
  });

  it("refuses missing options and configuration values that are not JSON", () => {
    expect(() => scalarHtml({ title: "t", openapiUrl: "/o" } as never)).toThrow(
      "scalarHtml: scriptUrl must be a string",
    );
    expect(() =>
      scalarHtml({
        title: "t",
        openapiUrl: "/o",
        scriptUrl: "/s",
        configuration: { onLoaded: () => 1 },
      }),
    ).toThrow(/Cannot put a function in the docs page configuration \(key "onLoaded"\)/);
  });
});

describe("escaping", () => {
  it("escapeHtml covers text and quoted attributes", () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;",
    );
  });

  it("jsonForScript escapes <, >, &, U+2028 and U+2029 and stays equal JSON", () => {
    const value = { s: "</script>&\u2028\u2029", n: [1, null, true] };
    const json = jsonForScript(value);
    expect(json).toBe('{"s":"\\u003c/script\\u003e\\u0026\\u2028\\u2029","n":[1,null,true]}');
    expect(JSON.parse(json)).toEqual(value);
  });
});
