import assert from "node:assert/strict";
import {
  attentionShape,
  flatnessWords,
  foldsPeakingAt,
  isLastLayerMean,
} from "../../evaluation/attention_shape.ts";
import type { ExplanationSummary } from "../../evaluation/explanation_summary.ts";

const steps = [-3, -2, -1, 0];

Deno.test("attention shape: peak, low, uniform of the same total, entropy", () => {
  const flat = attentionShape(steps, [0.25, 0.25, 0.25, 0.25]);
  assert.equal(flat.peakRatio, 1);
  assert.ok(Math.abs(flat.entropy - 1) < 1e-12);
  assert.equal(flatnessWords(flat), "close to uniform");
  const peaked = attentionShape(steps, [0.1, 0.1, 0.2, 0.6]);
  assert.deepEqual([peaked.peakStep, peaked.peak, peaked.lowStep, peaked.low], [0, 0.6, -3, 0.1]);
  assert.ok(Math.abs(peaked.total - 1) < 1e-12);
  assert.equal(peaked.uniform, peaked.total / 4);
  assert.ok(Math.abs(peaked.peakRatio - 2.4) < 1e-12);
  const h = -(2 * 0.1 * Math.log(0.1) + 0.2 * Math.log(0.2) + 0.6 * Math.log(0.6)) / Math.log(4);
  assert.ok(Math.abs(peaked.entropy - h) < 1e-12);
  assert.equal(flatnessWords(peaked), "concentrated");
  // Weights that leave some attention elsewhere: uniform is their own total over the steps.
  const partial = attentionShape(steps, [0.2, 0.2, 0.2, 0.3]);
  assert.ok(Math.abs(partial.uniform - 0.225) < 1e-12);
  assert.equal(flatnessWords(partial), "mildly peaked");
  assert.throws(() => attentionShape(steps, [1]), /4 steps but 1 weights/);
});

Deno.test("folds peaking at a step, and whether the summary is the last layer's mean", () => {
  const byFold = [[0.1, 0.2, 0.3, 0.4], [0.4, 0.3, 0.2, 0.1], [0.2, 0.2, 0.2, 0.4]].map((
    weights,
    k,
  ) => ({ foldId: `f${k}`, testYear: null, weights }));
  const attention = { steps, mean: [0.2, 0.25, 0.25, 0.3], byFold };
  assert.equal(foldsPeakingAt(attention, 0), 2);
  const heads = [[[0.25, 0.25, 0.25, 0.25]], [[0.1, 0.2, 0.3, 0.4], [0.3, 0.3, 0.2, 0.2]]];
  const explanation = (mean: number[]): ExplanationSummary => ({
    folds: 3,
    attention: { ...attention, mean },
    variableImportance: [],
    importanceScale: null,
    attentionByHead: heads,
    coefficients: [],
  });
  assert.equal(isLastLayerMean(explanation([0.2, 0.25, 0.25, 0.3])), true);
  assert.equal(isLastLayerMean(explanation([0.25, 0.25, 0.25, 0.25])), false, "layer 1's");
  assert.equal(
    isLastLayerMean({ ...explanation([0.2, 0.25, 0.25, 0.3]), attentionByHead: null }),
    false,
  );
});
