import { describe, expect, it } from "vitest";
import { currentRss, parseStatusField, peakRss } from "./proc-status";

describe("/proc status", () => {
  it("parses kB fields into bytes", () => {
    const status = "Name:\tnode\nVmHWM:\t  81234 kB\nVmRSS:\t   70000 kB\n";
    expect(parseStatusField(status, "VmHWM")).toBe(81234 * 1024);
    expect(parseStatusField(status, "VmRSS")).toBe(70000 * 1024);
    expect(parseStatusField(status, "VmSwap")).toBeNull();
  });

  it.runIf(process.platform === "linux")("reads this process's own RSS", () => {
    const rss = currentRss(process.pid)!;
    expect(rss).toBeGreaterThan(0);
    expect(peakRss(process.pid)!).toBeGreaterThanOrEqual(rss);
  });
});
