/**
 * The core (src/core: valibot schemas compiled to its own validators) against valibot's own
 * `safeParse`, on generated schemas of every kind the core compiles and on generated inputs.
 * Where the core differs on purpose (FastAPI's rules), see test/parity/differences.ts.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ErrorItem } from "../src/types";
import { recipeWithInputs } from "./parity/arbitraries";
import { deliberateDifference } from "./parity/differences";
import {
  type Answer,
  type CoreMode,
  compileNode,
  compileWithoutCodegen,
  coreAnswer,
  runNode,
  valibotAnswer,
  view,
  withoutTrailingUndefined,
} from "./parity/engines";
import { build } from "./parity/recipe";

// Seeded and bounded: the file runs in a few seconds, the same cases every time. A failure
// prints its shrunk recipe and inputs; to explore, drop the seed locally and raise RUNS.
const RUNS = 300;
const SEED = 20_260_612;

const STRICT: CoreMode = { lax: false };
const LAX: CoreMode = { lax: true };

const sorted = (errors: ErrorItem[]) => errors.map((e) => JSON.stringify([e.loc, e.type])).sort();

/** Distinct error paths, sorted. */
function paths(answer: Answer): string[] {
  return [...new Set(answer.errors.map((e) => JSON.stringify(e.path)))].sort();
}

// The core reads a value that is not a number as "not an integer" under v.integer(), and NaN
// or ±Infinity as "not finite"; valibot's issues for the same values map to float_type or
// int_from_float.
const SAME_TYPE: Record<string, readonly string[]> = {
  int_type: ["float_type"],
  finite_number: ["float_type", "int_from_float"],
};

/** Each core error type at a path is one of valibot's at that path (types of unions aside). */
function expectComparableTypes(core: Answer, reference: Answer): void {
  for (const error of core.errors) {
    if (error.type === "union") continue;
    const at = JSON.stringify(error.path);
    const theirs = reference.errors.filter((e) => JSON.stringify(e.path) === at).map((e) => e.type);
    const accepted = [error.type, ...(SAME_TYPE[error.type] ?? [])];
    expect(
      // A missing tuple item is pydantic's `missing`; valibot runs the item's schema on undefined.
      error.type === "missing" ? theirs.length > 0 : theirs.some((type) => accepted.includes(type)),
      `core ${error.type} at ${at}; valibot ${theirs.join(", ")}`,
    ).toBe(true);
  }
}

const isPrefix = (a: string, b: string) => {
  const x = JSON.parse(a) as unknown[];
  const y = JSON.parse(b) as unknown[];
  return x.length < y.length && x.every((key, i) => key === y[i]);
};

/**
 * The same error paths, except that valibot may add paths on the way to or below the core's:
 * the core checks no constraint of a value whose content failed and no value whose record key
 * failed (one error per value), valibot still runs both.
 */
function expectSamePaths(core: string[], reference: string[]): void {
  expect(reference).toEqual(expect.arrayContaining(core));
  // A failed record key is reported below the key (`[..., key, "[key]"]`); valibot may still
  // report the value under that key.
  const keys = core.map((own) => own.replace(/,"\[key\]"\]$/, "]"));
  const related = (path: string) =>
    keys.some((own) => own === path || isPrefix(path, own) || isPrefix(own, path));
  expect(reference.filter((path) => !core.includes(path) && !related(path))).toEqual([]);
}

function expectSameAnswer(core: Answer, reference: Answer): void {
  expect(core.ok).toBe(reference.ok);
  if (reference.ok) {
    expect(withoutTrailingUndefined(core.output)).toEqual(
      withoutTrailingUndefined(reference.output),
    );
  } else {
    expectSamePaths(paths(core), paths(reference));
    expectComparableTypes(core, reference);
  }
}

function compareOn(
  recipeInputs: { shaped: unknown; arbitrary: unknown },
  check: (input: unknown) => void,
) {
  check(recipeInputs.shaped);
  check(recipeInputs.arbitrary);
}

describe("the compiled validators agree with valibot's safeParse", () => {
  it("without coercion: same success, same output, same error paths and types", () => {
    let compared = 0;
    fc.assert(
      fc.property(recipeWithInputs, (generated) => {
        const schema = view(build(generated.recipe));
        const node = compileNode(schema);
        compareOn(generated, (input) => {
          if (deliberateDifference(schema, input) !== undefined) return;
          compared++;
          expectSameAnswer(coreAnswer(node, schema, input, STRICT), valibotAnswer(schema, input));
        });
      }),
      { numRuns: RUNS, seed: SEED },
    );
    // Most inputs are compared, not skipped as deliberate differences.
    expect(compared).toBeGreaterThan(RUNS);
  });

  it("with the lax rules of request bodies: whatever valibot accepts, the core accepts as is", () => {
    fc.assert(
      fc.property(recipeWithInputs, (generated) => {
        const schema = view(build(generated.recipe));
        const node = compileNode(schema);
        compareOn(generated, (input) => {
          if (deliberateDifference(schema, input) !== undefined) return;
          const reference = valibotAnswer(schema, input);
          if (!reference.ok) return;
          expectSameAnswer(coreAnswer(node, schema, input, LAX), reference);
        });
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});

describe("object nodes without code generation (a runtime that refuses new Function)", () => {
  it("the loop gives exactly the generated node's outputs and errors, in every mode", () => {
    const modes: CoreMode[] = [
      STRICT,
      LAX,
      { lax: true, strings: true },
      { lax: true, excludeUnset: true },
      { lax: true, excludeNone: true, excludeDefaults: true },
    ];
    fc.assert(
      fc.property(recipeWithInputs, (generated) => {
        const generatedNode = compileNode(view(build(generated.recipe)));
        const loop = compileWithoutCodegen(view(build(generated.recipe))).node;
        compareOn(generated, (input) => {
          for (const mode of modes) {
            const a = runNode(generatedNode, input, mode);
            const b = runNode(loop, input, mode);
            expect(b.out).toEqual(a.out);
            expect(sorted(b.errors)).toEqual(sorted(a.errors));
            expect(b.errors).toEqual(expect.arrayContaining(a.errors));
          }
        });
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it("the loop agrees with valibot's safeParse too", () => {
    fc.assert(
      fc.property(recipeWithInputs, (generated) => {
        const schema = view(build(generated.recipe));
        const { node } = compileWithoutCodegen(schema);
        compareOn(generated, (input) => {
          if (deliberateDifference(schema, input) !== undefined) return;
          expectSameAnswer(coreAnswer(node, schema, input, STRICT), valibotAnswer(schema, input));
        });
      }),
      { numRuns: RUNS / 2, seed: SEED },
    );
  });
});
