import { describe, expect, it } from "vitest";
import { planRestart } from "./supervisor";

const options = { initialDelay: 100, maxDelay: 1_000, resetAfter: 5_000, maxFastCrashes: 4 };

describe("planRestart", () => {
  it("doubles the delay on each fast crash, up to maxDelay", () => {
    const delays: Array<number | null> = [];
    let crashes = 0;
    for (let i = 0; i < 4; i++) {
      const plan = planRestart(crashes, 10, { ...options, maxFastCrashes: 10 });
      crashes = plan.fastCrashes;
      delays.push(plan.delay);
    }
    expect(delays).toEqual([100, 200, 400, 800]);
    expect(planRestart(4, 10, { ...options, maxFastCrashes: 10 }).delay).toBe(1_000);
    expect(planRestart(8, 10, { ...options, maxFastCrashes: 10 }).delay).toBe(1_000);
  });

  it("starts over after a worker stayed up for resetAfter", () => {
    expect(planRestart(3, 5_000, options)).toEqual({ fastCrashes: 1, delay: 100 });
    expect(planRestart(3, 4_999, options)).toEqual({ fastCrashes: 4, delay: 800 });
  });

  it("gives up after maxFastCrashes in a row", () => {
    expect(planRestart(4, 10, options)).toEqual({ fastCrashes: 5, delay: null });
  });
});
