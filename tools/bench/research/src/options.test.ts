import { describe, expect, it } from "vitest";
import { parseResearchCli } from "./options";

describe("research command line", () => {
  it("has a transport command that takes the round options", () => {
    const options = parseResearchCli(["transport", "--rounds", "3", "--duration", "1"]);
    expect(options.command).toBe("transport");
    expect(options.compare).toMatchObject({ rounds: 3, durationSec: 1, connections: 64 });
  });

  it("ignores the literal -- that pnpm may pass through", () => {
    expect(parseResearchCli(["--", "router"]).command).toBe("router");
  });

  it("wants a study, and only a study", () => {
    expect(() => parseResearchCli([])).toThrow(/name a study/);
    expect(() => parseResearchCli(["compare"])).toThrow(/unknown command "compare"/);
  });
});
