import assert from "node:assert/strict";
import type { PricePanel } from "../../../data/panel/load.ts";
import { estimateWeights } from "../../../tasks/fusion_weights.ts";
import { dollarVolumeWeights } from "../../../models/fusion/weights.ts";
import {
  projectToSimplex,
  simplexRegressionWeights,
} from "../../../models/fusion/simplex_regression.ts";
import { smallPanel, smallPanelFold } from "../../data/panel/_panel.ts";

const panel = await smallPanel();
const PARAMS = { lookbackBars: 13, regressionBars: null };

function foldOf(prices: PricePanel, testYear: number) {
  return smallPanelFold(prices, { testYear, trainYears: 5 });
}

const sum = (values: number[]) => values.reduce((s, v) => s + v, 0);

Deno.test("fusion weights: both proxies sum to 1, and unlisted members get none", () => {
  const fold = foldOf(panel, 2018);
  const weights = estimateWeights(fold, panel, PARAMS);
  assert.deepEqual(weights.members, ["XLK", "XLC", "XLRE", "AAPL", "UBER"]);
  for (const w of [weights.dollarVolume, weights.regression]) {
    assert.ok(Math.abs(sum(w) - 1) < 1e-12, `sum ${sum(w)}`);
    assert.ok(w.every((v) => v >= 0));
    // XLC lists in June 2018 and UBER in 2019: no data before the 2018 fold's cutoff.
    assert.equal(w[1], 0, "XLC");
    assert.equal(w[4], 0, "UBER");
  }
  assert.ok(weights.dollarVolume[0] > 0 && weights.dollarVolume[3] > 0);
  assert.ok(weights.cutoff < "2017-01-01", `cutoff ${weights.cutoff} is before validation`);
});

/** The panel with every bar after `date` changed (prices scaled, volumes tripled). */
function perturbedAfter(prices: PricePanel, date: string): PricePanel {
  return {
    ...prices,
    series: prices.series.map((s) => {
      const factor = Float64Array.from(s.dates, (d, i) => (d > date ? 1 + 0.05 * Math.sin(i) : 1));
      return {
        ...s,
        open: s.open.map((v, i) => v * factor[i]),
        high: s.high.map((v, i) => v * factor[i] * 1.01),
        low: s.low.map((v, i) => v * factor[i] * 0.99),
        close: s.close.map((v, i) => v * factor[i]),
        volume: s.volume.map((v, i) => (s.dates[i] > date ? v * 3 : v)),
      };
    }),
  };
}

Deno.test("fusion weights: data after the training window cannot change them", () => {
  const fold = foldOf(panel, 2019);
  const weights = estimateWeights(fold, panel, PARAMS);
  const changed = perturbedAfter(panel, weights.cutoff);
  const other = foldOf(changed, 2019);
  assert.notDeepEqual(other.target, fold.target, "the perturbation reaches the fold");
  assert.deepEqual(estimateWeights(other, changed, PARAMS), weights);
  // ...while a change inside the window does change them.
  const early = perturbedAfter(panel, "2017-06-01");
  assert.notDeepEqual(estimateWeights(foldOf(early, 2019), early, PARAMS), weights);
});

Deno.test("dollar-volume weights: the trailing window only, missing days count 0", () => {
  const bars = [
    { dates: ["2020-01-02", "2020-01-03", "2020-01-06"], close: [10, 10, 10], volume: [1, 1, 100] },
    { dates: ["2020-01-03"], close: [5], volume: [2] },
    { dates: ["2020-01-06"], close: [1], volume: [1000] },
  ];
  const w = dollarVolumeWeights({
    bars,
    from: "2020-01-02",
    cutoff: "2020-01-03",
    windowDays: 1,
    eligible: [true, true, true],
  });
  // Window (2020-01-02, 2020-01-03]: 10 vs 10; the third member has no bar in it.
  assert.deepEqual(w, [0.5, 0.5, 0]);
  const ineligible = dollarVolumeWeights({
    bars,
    from: null,
    cutoff: "2020-01-06",
    windowDays: 3,
    eligible: [true, false, true],
  });
  assert.equal(ineligible[1], 0);
  assert.ok(Math.abs(sum(ineligible) - 1) < 1e-12);
  assert.throws(
    () =>
      dollarVolumeWeights({
        bars,
        from: null,
        cutoff: "2019-12-31",
        windowDays: 1,
        eligible: [true, true, true],
      }),
    /no constituent has any weight/,
  );
});

Deno.test("constrained regression: recovers simplex weights, respects bounds and eligibility", () => {
  const T = 300;
  const N = 4;
  const x = new Float64Array(T * N);
  const y = new Float64Array(T);
  const truth = [0.5, 0.3, 0.2, 0];
  for (let t = 0; t < T; t++) {
    for (let n = 0; n < N; n++) x[t * N + n] = Math.sin(0.37 * t * (n + 1) + n);
    y[t] = truth.reduce((s, w, n) => s + w * x[t * N + n], 0);
  }
  const w = simplexRegressionWeights({ y, x, members: N, eligible: [true, true, true, true] });
  w.forEach((v, n) => assert.ok(Math.abs(v - truth[n]) < 1e-6, `w${n} = ${v}`));
  // Unconstrained least squares would give a negative weight here; the simplex forbids it.
  const negative = Float64Array.from(y, (v, t) => v - 0.4 * x[t * N + 3]);
  const bounded = simplexRegressionWeights({
    y: negative,
    x,
    members: N,
    eligible: [true, true, true, true],
  });
  assert.ok(bounded.every((v) => v >= 0) && Math.abs(sum(bounded) - 1) < 1e-12);
  assert.equal(bounded[3], 0);
  const held = simplexRegressionWeights({ y, x, members: N, eligible: [true, false, true, true] });
  assert.equal(held[1], 0);
  assert.deepEqual(projectToSimplex([0.2, 0.2]), [0.5, 0.5]);
  assert.deepEqual(projectToSimplex([3, 0, -1]), [1, 0, 0]);
});
