import { describe, expect, it } from "vitest";
import { parsePerfStat } from "./perf-stat";

describe("perf stat output", () => {
  it("reads user and kernel instructions and task-clock from perf's CSV lines", () => {
    const output = [
      "",
      "98765432100,,instructions:u,1234560000,100.00,,",
      "1234567,,instructions:k,1234560000,100.00,,",
      "1234.56,msec,task-clock,1234560000,100.00,0.617,CPUs utilized",
    ].join("\n");
    expect(parsePerfStat(output)).toEqual({
      userInstructions: 98765432100,
      kernelInstructions: 1234567,
      taskClockMs: 1234.56,
    });
  });

  it("gives null for events perf could not count", () => {
    const output = [
      "5000,,instructions:u,0,100.00,,",
      "<not supported>,,instructions:k,0,100.00,,",
      "12.5,msec,task-clock,125,100.00,,",
    ].join("\n");
    expect(parsePerfStat(output)).toEqual({
      userInstructions: 5000,
      kernelInstructions: null,
      taskClockMs: 12.5,
    });
  });

  it("gives nulls for output that is not perf's (a failed attach)", () => {
    expect(parsePerfStat("Error:\nNo permission to enable instructions:u event.")).toEqual({
      userInstructions: null,
      kernelInstructions: null,
      taskClockMs: null,
    });
  });
});
