import { describe, expect, it } from "vitest";
import { contentDisposition } from "./content-disposition";

describe("contentDisposition", () => {
  it("quotes a plain ASCII name", () => {
    expect(contentDisposition("attachment", "report 2024.pdf")).toBe(
      'attachment; filename="report 2024.pdf"',
    );
    expect(contentDisposition("inline", "a.png")).toBe('inline; filename="a.png"');
  });

  it("adds filename* with the UTF-8 name and an ASCII fallback", () => {
    expect(contentDisposition("attachment", "résumé.txt")).toBe(
      "attachment; filename=\"r_sum_.txt\"; filename*=UTF-8''r%C3%A9sum%C3%A9.txt",
    );
  });

  it("never lets quotes, backslashes or CR/LF through", () => {
    const value = contentDisposition("attachment", "a\"b\\c\r\nSet-Cookie: x=1(').txt");
    expect(value).not.toMatch(/[\r\n]/);
    expect(value).toBe(
      "attachment; filename=\"a_b_c__Set-Cookie: x=1(').txt\"; filename*=UTF-8''a%22b%5Cc%0D%0ASet-Cookie%3A%20x%3D1%28%27%29.txt",
    );
  });
});
