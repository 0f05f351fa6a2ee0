/**
 * One ensemble per horizon step: each fitted on its step's target column with its own
 * generator fork, forecasts interleaved into [rows, horizon], importances averaged.
 */
import assert from "node:assert/strict";
import type { FlatInputs } from "../../../models/baselines/flatten.ts";
import { featuresPerSplit, StepEnsembleLearner } from "../../../models/baselines/step_ensembles.ts";
import { SeededRandom } from "../../../models/tf/rng.ts";

// Two rows, two columns, three horizon steps: targets [rows, horizon].
const inputs: FlatInputs = {
  rows: 2,
  cols: 2,
  values: Float64Array.from([1, 2, 3, 4]),
  names: ["lag0:a", "static:b"],
  targets: Float64Array.from([10, 20, 30, 11, 21, 31]),
  horizon: 3,
  origins: Int32Array.from([5, 6]),
};

/** A "model" that predicts its target column's mean plus a draw from its generator. */
function meanLearner(seed: number) {
  return new StepEnsembleLearner({
    kind: "mean-test",
    seed,
    fit: (x, target, rng) => {
      const mean = target.reduce((s, v) => s + v, 0) / x.rows;
      return { mean, draw: rng.next(), importance: Float64Array.from([mean / 100, 0]) };
    },
    predict: (e, x) => new Float64Array(x.rows).fill(e.mean),
    summary: (ensembles) => ({ means: ensembles.map((e) => e.mean) }),
  });
}

Deno.test("StepEnsembleLearner fits, predicts and explains step by step", () => {
  const learner = meanLearner(3);
  assert.throws(() => learner.predict(inputs), /^Error: mean-test: call fit\(fold\) before/);
  assert.deepEqual(learner.fit(inputs), { means: [10.5, 20.5, 30.5] });
  assert.deepEqual([...learner.predict(inputs)], [10.5, 20.5, 30.5, 10.5, 20.5, 30.5]);
  const explanation = learner.explain(inputs.names);
  assert.ok(Math.abs(explanation.variableImportance!.past["lag0:a"] - 0.205) < 1e-12);
  assert.deepEqual(explanation.variableImportance!.static, { b: 0 });
});

Deno.test("each step draws from its own fork of the kind's generator", () => {
  const draws: number[] = [];
  new StepEnsembleLearner({
    kind: "mean-test",
    seed: 3,
    fit: (_x, _target, rng) => {
      draws.push(rng.next());
      return { importance: new Float64Array(2) };
    },
    predict: (_e, x) => new Float64Array(x.rows),
    summary: () => ({}),
  }).fit(inputs);
  const root = new SeededRandom(3).fork("mean-test");
  assert.deepEqual(draws, [1, 2, 3].map((h) => root.fork(`step${h}`).next()));
  assert.equal(new Set(draws).size, 3);
});

Deno.test("featuresPerSplit: a share of the columns, at least one", () => {
  assert.equal(featuresPerSplit(0.33, 10), 3);
  assert.equal(featuresPerSplit(0.01, 10), 1);
  assert.equal(featuresPerSplit(1, 7), 7);
});
