import { spawn } from "node:child_process";
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { allocatedBetween, GcLog, parseGcLine, splitLines, withStdoutTo } from "./instructions-gc";

const MiB = 2 ** 20;
const SCAVENGE =
  "[10154:0x3832cc00]       21 ms: Scavenge 4.1 (4.2) -> 3.8 (5.2) MB, 0.69 / 0.00 ms  (average mu = 1.000, current mu = 1.000) allocation failure; ";
const REDUCE =
  "[10154:0x3832cc00]     2412 ms: Scavenge (reduce) 14.7 (16.0) -> 12.5 (18.2) MB, 0.60 / 0.00 ms  (average mu = 1.000, current mu = 1.000) allocation failure; ";
const MARK_COMPACT =
  "[10154:0x3832cc00]       96 ms: Mark-Compact 40.2 (72.5) -> 12.8 (46.9) MB, 2.58 / 0.00 ms  (+ 4.8 ms in 9 steps since start of marking, biggest step 1.1 ms, walltime since start of marking 11 ms) (average mu = 1.000, current mu = 1.000) finalize incremental marking via task; GC in old space requested";
const gcLine = (before: number, after: number) =>
  `[1:0x1]   5 ms: Scavenge ${before} (${before + 1}) -> ${after} (${after + 2}) MB, 0.1 / 0.00 ms  allocation failure; `;

describe("parseGcLine", () => {
  it("reads the used heap before and after from V8's --trace-gc lines", () => {
    expect(parseGcLine(SCAVENGE)).toEqual({ beforeBytes: 4.1 * MiB, afterBytes: 3.8 * MiB });
    expect(parseGcLine(REDUCE)).toEqual({ beforeBytes: 14.7 * MiB, afterBytes: 12.5 * MiB });
    expect(parseGcLine(MARK_COMPACT)).toEqual({
      beforeBytes: 40.2 * MiB,
      afterBytes: 12.8 * MiB,
    });
  });

  it("ignores the server's own output and broken lines", () => {
    expect(parseGcLine("listening 43125")).toBeNull();
    expect(parseGcLine("")).toBeNull();
    expect(parseGcLine("[1:0x1]   5 ms: Scavenge 4.1 (4.2) -> ")).toBeNull();
  });
});

describe("allocatedBetween", () => {
  const event = (before: number, after: number) => ({
    beforeBytes: before * MiB,
    afterBytes: after * MiB,
  });

  it("sums what was allocated between consecutive GCs, from the GC before the slice", () => {
    // 3 → 10 (7 MiB), 4 → 12 (8 MiB), 5 → 9 (4 MiB).
    const events = [event(10, 4), event(12, 5), event(9, 3)];
    expect(allocatedBetween(3 * MiB, events)).toBe(19 * MiB);
  });

  it("without an earlier GC, the first event is only the baseline", () => {
    expect(allocatedBetween(null, [event(10, 4), event(12, 5)])).toBe(8 * MiB);
    expect(allocatedBetween(null, [event(10, 4)])).toBeNull();
  });

  it("is null with no GC to measure to, and never counts a shrink as negative", () => {
    expect(allocatedBetween(3 * MiB, [])).toBeNull();
    expect(allocatedBetween(5 * MiB, [event(4.9, 4), event(6, 4)])).toBe(2 * MiB);
  });
});

describe("splitLines", () => {
  it("keeps an unfinished last line for the next read", () => {
    expect(splitLines("a\nb\nc")).toEqual({ lines: ["a", "b"], rest: "c" });
    expect(splitLines("a\n")).toEqual({ lines: ["a"], rest: "" });
    expect(splitLines("partial")).toEqual({ lines: [], rest: "partial" });
  });
});

describe("GcLog", () => {
  let dir = "";
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "gc-log-test-"));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("measures each run from the last GC before it, whatever came before skip()", () => {
    const file = path.join(dir, "gc.log");
    writeFileSync(file, `listening 1234\n${gcLine(50, 20)}\n${gcLine(30, 10)}\n`);
    const log = new GcLog(file);
    log.skip(); // warm-up: 20 → 30 not counted; the baseline is 10
    appendFileSync(file, `${gcLine(14, 4)}\n${gcLine(12, 5)}\n`);
    expect(log.allocatedSinceLastRead()).toBe(12 * MiB); // 10 → 14, 4 → 12
    // A line still being written when the run ends is read whole on the next call.
    const next = gcLine(9, 2);
    appendFileSync(file, next.slice(0, 20));
    expect(log.allocatedSinceLastRead()).toBeNull();
    appendFileSync(file, `${next.slice(20)}\n`);
    expect(log.allocatedSinceLastRead()).toBe(4 * MiB); // 5 → 9
  });
});

describe("withStdoutTo", () => {
  let dir = "";
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "stdout-to-test-"));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("sends the command's stdout to the file and keeps its process id (exec)", async () => {
    const file = path.join(dir, "out.log");
    const spec = withStdoutTo(file, {
      name: "probe",
      command: process.execPath,
      args: ["-e", "console.log('pid ' + process.pid)", "with spaces 'and quotes'"],
    });
    expect(spec.name).toBe("probe");
    const child = spawn(spec.command, spec.args, { stdio: "ignore" });
    const code = await new Promise((resolve) => child.once("exit", resolve));
    expect(code).toBe(0);
    expect(readFileSync(file, "utf8")).toBe(`pid ${child.pid}\n`);
  });
});
