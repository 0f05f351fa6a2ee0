import assert from "node:assert/strict";
import {
  adfTStat,
  engleGranger,
  engleGrangerCritical,
} from "../../../models/pairs/engle_granger.ts";
import { selectPairs } from "../../../models/pairs/selection.ts";
import { SeededRandom } from "../../../models/tf/rng.ts";

// A fixed mean-zero series; reference t-statistics from statsmodels 0.13.5:
// adfuller(s, maxlag=L, regression="n", autolag=None)[0].
const raw = Array.from(
  { length: 40 },
  (_, t) => Math.sin(0.7 * t) + 0.3 * Math.cos(1.9 * t) + 0.05 * t * (-1) ** t,
);
const mean = raw.reduce((s, v) => s + v, 0) / raw.length;
const series = raw.map((v) => v - mean);

Deno.test("ADF t-statistics match statsmodels' adfuller (no constant) at 0, 1 and 2 lags", () => {
  const reference = [-10.521194763138672, -2.3153743695283495, -6.933975274102253];
  reference.forEach((expected, lags) => {
    assert.ok(Math.abs(adfTStat(series, lags) - expected) < 1e-8, `lags ${lags}`);
  });
});

Deno.test("Engle–Granger critical values match statsmodels' mackinnoncrit(N=2, 'c')", () => {
  assert.ok(Math.abs(engleGrangerCritical(250, "0.05") - -3.36067957) < 1e-6);
  assert.ok(Math.abs(engleGrangerCritical(250, "0.01") - -3.94078403) < 1e-6);
  assert.ok(Math.abs(engleGrangerCritical(2000, "0.10") - -3.04657128) < 1e-6);
});

function randomWalk(random: SeededRandom, n: number, scale = 0.01): Float64Array {
  const out = new Float64Array(n);
  for (let t = 1; t < n; t++) out[t] = out[t - 1] + scale * (random.next() - 0.5) * 3.4;
  return out;
}

Deno.test("a cointegrated pair is found among random walks, and only its two stocks", () => {
  const random = new SeededRandom(11);
  const n = 600;
  const common = randomWalk(random, n);
  const a = Float64Array.from(common, (v) => 4 + v);
  const b = Float64Array.from(common, (v) => 3 + 1.5 * v + 0.004 * (random.next() - 0.5));
  const others = Array.from({ length: 6 }, () => randomWalk(random, n));
  // The others share part of the common walk's returns (correlated) without sharing its level.
  const mixed = others.map((w) => Float64Array.from(w, (v, t) => v + 0.5 * common[t]));
  const eg = engleGranger(a, b, { lags: 1, level: "0.05" });
  assert.ok(Math.abs(eg.beta - 1.5) < 0.01, `β ${eg.beta}`);
  assert.ok(eg.tStat < eg.critical);
  const selection = selectPairs(["A", "B", "C", "D", "E", "F", "G", "H"], [a, b, ...mixed], {
    candidates: 28,
    maxPairs: 3,
    lags: 1,
    level: "0.01",
  });
  assert.equal(selection.screened, 28);
  assert.equal(selection.tested, 28);
  assert.ok(selection.pairs.length >= 1);
  assert.deepEqual([selection.pairs[0].y, selection.pairs[0].x].sort(), ["A", "B"]);
  const symbols = selection.pairs.flatMap((p) => [p.y, p.x]);
  assert.equal(new Set(symbols).size, symbols.length, "no stock in two pairs");
});

Deno.test("a stock with a missing training close is not eligible", () => {
  const random = new SeededRandom(3);
  const a = randomWalk(random, 300);
  const b = Float64Array.from(a, (v) => v * 1.1);
  const c = randomWalk(random, 300);
  c[10] = NaN;
  const s = selectPairs(["A", "B", "C"], [a, b, c], {
    candidates: 3,
    maxPairs: 1,
    lags: 1,
    level: "0.05",
  });
  assert.deepEqual(s.eligible, ["A", "B"]);
  assert.equal(s.screened, 1);
});
