import assert from "node:assert/strict";
import type { Explanation } from "../../models/contract.ts";
import { summariseExplanations } from "../../evaluation/explanation_summary.ts";
import { groupRuns } from "../../evaluation/model_runs.ts";
import { buildFits } from "./fixtures.ts";

const fits = buildFits({ years: [2019, 2020, 2021], models: ["tft", "ridge", "random-forest"] });
const run = (label: string) => groupRuns(fits).runs.find((r) => r.label === label)!;

/** The run of `label` with every fold's explanation replaced by `explain(year)`. */
function withExplanations(label: string, explain: (year: number) => Explanation) {
  const original = run(label);
  return {
    ...original,
    folds: original.folds.map((f) => ({
      ...f,
      fit: { ...f.fit, explanation: explain(f.fit.testYear!) },
    })),
  };
}

Deno.test("importance scale: read from how each fold's numbers add up", () => {
  assert.equal(summariseExplanations(run("tft"))!.importanceScale, "within-group");
  assert.equal(summariseExplanations(run("random-forest"))!.importanceScale, "all-inputs");
  assert.equal(summariseExplanations(run("ridge"))!.importanceScale, null, "no importances");
  const raw = withExplanations("random-forest", (year) => ({
    variableImportance: { past: { a: 3, b: year - 2000 }, static: {}, future: {} },
  }));
  assert.equal(summariseExplanations(raw)!.importanceScale, "raw");
  // One group alone sums to 1 both ways: called a share of all inputs, true either way.
  const single = withExplanations("random-forest", () => ({
    variableImportance: { past: { a: 0.25, b: 0.75 }, static: {}, future: {} },
  }));
  assert.equal(summariseExplanations(single)!.importanceScale, "all-inputs");
  // Every group sums to 1 in one fold but not in another: not selection weights.
  const mixed = withExplanations("random-forest", (year) => ({
    variableImportance: {
      past: { a: year === 2020 ? 0.5 : 1 },
      static: { s: year === 2020 ? 0.5 : 1 },
      future: {},
    },
  }));
  assert.equal(summariseExplanations(mixed)!.importanceScale, "raw");
});

Deno.test("coefficients: mean, std and the folds above zero", () => {
  const flipping = withExplanations("ridge", (year) => ({
    coefficients: { steady: -0.5, flip: year === 2020 ? 1 : -1 },
  }));
  const rows = summariseExplanations(flipping)!.coefficients;
  assert.deepEqual(rows.map((r) => [r.name, r.mean, r.folds, r.positive]), [
    ["flip", -1 / 3, 3, 1],
    ["steady", -0.5, 3, 0],
  ]);
});
