import assert from "node:assert/strict";
import { dieboldMariano } from "../../../evaluation/stats/diebold_mariano.ts";
import { assertClose, STATS_REFERENCE } from "./reference.ts";

const { actual, forecast, benchmark, forecastH3 } = STATS_REFERENCE.inputs;
const squared = (f: number[]) => f.map((v, i) => (actual[i] - v) ** 2);
const miss = (f: number[]) => f.map((v, i) => (v > 0) !== (actual[i] > 0) ? 1 : 0);

Deno.test("Diebold–Mariano (HLN) matches statsmodels for h = 1, squared loss", () => {
  const expected = STATS_REFERENCE.dieboldMariano.squaredH1;
  const result = dieboldMariano({
    lossModel: squared(forecast),
    lossBenchmark: squared(benchmark),
    horizon: 1,
  });
  assertClose(result.meanDifference, expected.meanDifference, "mean difference", 1e-12);
  assertClose(result.stat, expected.stat, "statistic", 1e-10);
  assertClose(result.pValue, expected.pValue, "p-value", 1e-10);
  assert.equal(result.kernel, "uniform");
});

Deno.test("Diebold–Mariano (HLN) matches statsmodels for h = 1, directional loss", () => {
  const expected = STATS_REFERENCE.dieboldMariano.directionalH1;
  const result = dieboldMariano({
    lossModel: miss(forecast),
    lossBenchmark: miss(benchmark),
    horizon: 1,
  });
  assertClose(result.stat, expected.stat, "statistic", 1e-10);
  assertClose(result.pValue, expected.pValue, "p-value", 1e-10);
});

Deno.test("Diebold–Mariano uses HAC variance over h − 1 lags for h = 3", () => {
  const expected = STATS_REFERENCE.dieboldMariano.squaredH3;
  const result = dieboldMariano({
    lossModel: squared(forecastH3),
    lossBenchmark: squared(benchmark),
    horizon: 3,
  });
  assertClose(result.stat, expected.stat, "statistic", 1e-10);
  assertClose(result.pValue, expected.pValue, "p-value", 1e-10);
  // Ignoring the autocovariances would give a different statistic.
  const naive = dieboldMariano({
    lossModel: squared(forecastH3),
    lossBenchmark: squared(benchmark),
    horizon: 1,
  });
  assert.notEqual(naive.stat!.toFixed(6), result.stat!.toFixed(6));
});

Deno.test("Diebold–Mariano is undefined for identical losses and rejects bad input", () => {
  const same = dieboldMariano({ lossModel: [0, 1, 0, 1], lossBenchmark: [0, 1, 0, 1], horizon: 1 });
  assert.equal(same.stat, null);
  assert.equal(same.meanDifference, 0);
  assert.throws(
    () => dieboldMariano({ lossModel: [1, 2], lossBenchmark: [1], horizon: 1 }),
    /2 model losses but 1 benchmark/,
  );
  assert.throws(
    () => dieboldMariano({ lossModel: [1], lossBenchmark: [1], horizon: 0 }),
    /positive integer/,
  );
});
