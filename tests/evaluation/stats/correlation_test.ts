import assert from "node:assert/strict";
import { pearson } from "../../../evaluation/stats/correlation.ts";
import { assertClose, STATS_REFERENCE } from "./reference.ts";

Deno.test("pearson r and p-value match scipy.stats.pearsonr", () => {
  const { actual, forecast } = STATS_REFERENCE.inputs;
  const result = pearson(actual, forecast)!;
  assertClose(result.r, STATS_REFERENCE.pearson.r, "r", 1e-12);
  assertClose(result.pValue / STATS_REFERENCE.pearson.pValue, 1, "p-value", 1e-9);
  assert.equal(result.n, actual.length);
});

Deno.test("pearson is undefined for constant or too-short inputs", () => {
  assert.equal(pearson([1, 1, 1, 1], [1, 2, 3, 4]), null);
  assert.equal(pearson([1, 2], [2, 1]), null);
  assert.throws(() => pearson([1, 2, 3], [1, 2]), /3 values but y has 2/);
  const perfect = pearson([1, 2, 3, 4], [8, 6, 4, 2])!;
  assert.equal(perfect.r, -1);
  assert.equal(perfect.pValue, 0);
});

Deno.test("partial correlation loses one degree of freedom per control (statsmodels OLS)", () => {
  const { actual, forecast } = STATS_REFERENCE.inputs;
  const { groups, r, pValue } = STATS_REFERENCE.partialCorrelation;
  const demean = (v: number[]) =>
    v.map((x, i) => {
      const members = v.filter((_, j) => groups[j] === groups[i]);
      return x - members.reduce((a, b) => a + b, 0) / members.length;
    });
  const result = pearson(demean(actual), demean(forecast), 3)!;
  assertClose(result.r, r, "partial r", 1e-12);
  assertClose(result.pValue / pValue, 1, "partial p-value", 1e-9);
});
