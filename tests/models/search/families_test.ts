import assert from "node:assert/strict";
import { buildSearchDesign, type SearchDesign } from "../../../models/search/design.ts";
import { fitSearchModel, predictCalls } from "../../../models/search/families.ts";
import { knnPredict } from "../../../models/search/knn.ts";
import { ruleSignal } from "../../../models/search/rules.ts";
import { drawChunk, type SearchSpec } from "../../../models/search/spec.ts";
import { SYNTHETIC_WINDOWS, syntheticFrame } from "./fixture.ts";

const SPECS: SearchSpec[] = [
  { family: "tree", features: ["mom_20", "noise", "ret"], maxDepth: 3, minLeaf: 20 },
  { family: "ridge", features: ["ma_ratio_50", "rsi_2"], alpha: 0.5 },
  { family: "knn", features: ["noise", "ret"], k: 15 },
  { family: "rule", rule: "ma-cross", fast: 5, slow: 40 },
  { family: "rule", rule: "rsi", period: 3, threshold: 30 },
  { family: "rule", rule: "momentum", lookback: 10 },
  { family: "rule", rule: "breakout", lookback: 20 },
];

/** The design with every test-period input, label and close scrambled. */
function perturbTestRows(design: SearchDesign): SearchDesign {
  const { from, to } = design.test;
  const bump = (v: number, i: number) => (i >= from && i < to ? v * -3 + 0.5 : v);
  const lastTrainClose = design.closeIndex[design.train.to - 1];
  const firstTestClose = design.closeIndex[from];
  return {
    ...design,
    features: design.features.map((c) => c.map(bump)),
    returns: design.returns.map(bump),
    close: design.close.map((
      c,
      t,
    ) => (t >= firstTestClose && t > lastTrainClose ? c * (1 + 0.3 * Math.sin(t)) : c)),
  };
}

Deno.test("search families: fits read only the training rows (test rows perturbed, fits unchanged)", () => {
  const design = buildSearchDesign(syntheticFrame(), SYNTHETIC_WINDOWS);
  const perturbed = perturbTestRows(design);
  assert.notDeepStrictEqual(perturbed.returns, design.returns);
  for (const spec of SPECS) {
    const fit = fitSearchModel(spec, design);
    assert.deepStrictEqual(fitSearchModel(spec, perturbed), fit, `${spec.family} fit changed`);
    // Validation rows lie before the test rows: their calls do not change either.
    assert.deepStrictEqual(
      predictCalls(fitSearchModel(spec, perturbed), perturbed, design.validation),
      predictCalls(fit, design, design.validation),
    );
  }
});

Deno.test("search families: a perturbed training row does change the fits (the test can fail)", () => {
  const design = buildSearchDesign(syntheticFrame(), SYNTHETIC_WINDOWS);
  const changed = {
    ...design,
    returns: design.returns.map((v, i) => (i < design.train.to ? -v : v)),
  };
  for (const spec of SPECS.filter((s) => s.family !== "tree")) {
    assert.notDeepStrictEqual(
      fitSearchModel(spec, changed),
      fitSearchModel(spec, design),
      spec.family,
    );
  }
});

Deno.test("search families: every drawn model fits and calls every test row", () => {
  const design = buildSearchDesign(syntheticFrame(), SYNTHETIC_WINDOWS);
  const specs = drawChunk({
    seed: 1,
    chunk: 0,
    count: 40,
    names: design.featureNames,
    weights: { tree: 1, ridge: 1, knn: 1, rule: 1 },
  });
  for (const spec of specs) {
    const calls = predictCalls(fitSearchModel(spec, design), design, design.test);
    assert.equal(calls.length, design.test.to - design.test.from);
    assert(calls.every((c) => c === 0 || c === 1));
  }
});

Deno.test("k-NN: the mean target of the k nearest rows, as a full sort finds them", () => {
  const x = Float64Array.from({ length: 200 }, (_, i) => Math.sin(i * 1.7) * 3 + (i % 7));
  const y = Float64Array.from({ length: 100 }, (_, i) => Math.cos(i));
  const queries = Float64Array.of(0.3, 1.2, -2, 4, 5, 5);
  const got = knnPredict({ x, y, cols: 2 }, queries, 9);
  for (let q = 0; q < 3; q++) {
    const order = Array.from({ length: 100 }, (_, i) => i).sort((a, b) => {
      const d = (i: number) =>
        (x[2 * i] - queries[2 * q]) ** 2 + (x[2 * i + 1] - queries[2 * q + 1]) ** 2;
      return d(a) - d(b) || a - b;
    });
    const want = order.slice(0, 9).reduce((s, i) => s + y[i], 0) / 9;
    assert(Math.abs(got[q] - want) < 1e-12, `query ${q}: ${got[q]} vs ${want}`);
  }
});

Deno.test("rules: a signal at t is the same whether or not later closes exist", () => {
  const close = syntheticFrame(600).close;
  for (const spec of SPECS.filter((s) => s.family === "rule")) {
    if (spec.family !== "rule") continue;
    const full = ruleSignal(spec, close);
    assert.deepStrictEqual(ruleSignal(spec, close.slice(0, 300)), full.slice(0, 300), spec.rule);
    assert(full.some((s) => s === 1) && full.some((s) => s === 0), `${spec.rule} never switches`);
  }
});

Deno.test("rules: hand-checked signals on a short series", () => {
  const close = Float64Array.of(10, 11, 12, 11, 10, 9, 10, 12);
  assert.deepStrictEqual(
    Array.from(ruleSignal({ family: "rule", rule: "momentum", lookback: 2 }, close)),
    [0, 0, 1, 0, 0, 0, 0, 1], // t=6: 10 is not above close[4] = 10
  );
  // Donchian(3), the window including t: on at the 3-day high 12 (t=2), off at t=3 (11 is
  // the low of 11, 12, 11), on again at t=6 (10 is the high of 10, 9, 10).
  assert.deepStrictEqual(
    Array.from(ruleSignal({ family: "rule", rule: "breakout", lookback: 3 }, close)),
    [0, 0, 1, 0, 0, 0, 1, 1],
  );
});
