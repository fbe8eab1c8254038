import * as v from "valibot";
import { afterEach, describe, expect, it, vi } from "vitest";
import { compileNode } from "./compile";
import { view } from "./introspect";
import { createState, INVALID } from "./state";

// Where `new Function` throws (a Content-Security-Policy without unsafe-eval, edge hosts that
// refuse code generation), object nodes fall back to a loop. The property test
// (test/engine-parity.test.ts) holds the loop to the generated node on generated schemas.
function refuseCodegen() {
  const refused = vi.fn(() => {
    throw new EvalError("Code generation from strings disallowed for this context");
  });
  vi.stubGlobal("Function", refused);
  return refused;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

function run(node: ReturnType<typeof compileNode>, input: unknown) {
  const st = createState(["body"]);
  const out = node(input, st);
  return { out: out === INVALID ? undefined : out, errors: st.errors };
}

const schema = () =>
  v.object({
    name: v.string(),
    tags: v.optional(v.array(v.string()), []),
    note: v.nullish(v.string()),
    inner: v.strictObject({ id: v.pipe(v.number(), v.integer()) }),
  });

describe("object nodes where new Function throws", () => {
  it("catch the refusal and run as a loop", () => {
    const refused = refuseCodegen();
    const loop = compileNode(view(schema()));
    vi.unstubAllGlobals();
    expect(refused).toHaveBeenCalledTimes(2); // the outer and the inner object
    expect(loop.name).toBe("objectLoop");
    expect(compileNode(view(schema())).name).toBe("objectNode");
  });

  it("answer as the generated node does", () => {
    refuseCodegen();
    const loop = compileNode(view(schema()));
    vi.unstubAllGlobals();
    const generated = compileNode(view(schema()));
    const inputs = [
      { name: "a", inner: { id: "7" } },
      { name: "a", tags: ["x"], note: null, inner: { id: 1 } },
      { inner: { id: 1.5, extra: true } },
      [],
      "text",
    ];
    for (const input of inputs) expect(run(loop, input)).toEqual(run(generated, input));
    expect(run(loop, { name: "a", inner: { id: "7" } }).out).toEqual({
      name: "a",
      tags: [],
      note: null,
      inner: { id: 7 },
    });
    expect(run(loop, { inner: { id: 1.5, extra: true } }).errors.map((e) => e.loc)).toEqual([
      ["body", "name"],
      ["body", "inner", "id"],
      ["body", "inner", "extra"],
    ]);
  });
});
