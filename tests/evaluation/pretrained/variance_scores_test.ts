import assert from "node:assert/strict";
import type { TrainResult } from "../../../models/contract.ts";
import { varianceScores } from "../../../evaluation/pretrained/variance_scores.ts";
import { SeededRandom } from "../../../models/tf/rng.ts";

/** A test split with `actual` returns and the given variance forecasts. */
function result(label: string, actual: number[], variance: number[], year = 2024): TrainResult {
  const n = actual.length;
  return {
    label,
    model: label,
    testYear: year,
    foldId: `f${year}`,
    test: {
      split: "test",
      origins: Int32Array.from({ length: n }, (_, i) => i),
      horizon: 1,
      point: new Float32Array(n),
      variance: Float32Array.from(variance),
      dates: actual.map((_, i) => `${year}-01-${String(1 + (i % 28)).padStart(2, "0")}#${i}`),
      actual: Float32Array.from(actual),
      regime: actual.map(() => "all"),
    },
  } as unknown as TrainResult;
}

Deno.test("variance scores: the true variance beats a constant on QLIKE, significantly, and covers ~95%", () => {
  const random = new SeededRandom(4);
  const truth = Array.from({ length: 1500 }, (_, i) => (i % 200 < 100 ? 1e-4 : 9e-4));
  const actual = truth.map((v) => Math.sqrt(v) * random.normal());
  const constant = truth.map(() => 5e-4);
  const scores = varianceScores(
    new Map([
      ["oracle", [result("oracle", actual, truth)]],
      ["flat", [result("flat", actual, constant)]],
    ]),
    ["flat"],
  );
  const oracle = scores.find((s) => s.label === "oracle")!;
  const flat = scores.find((s) => s.label === "flat")!;
  assert.ok(oracle.qlike < flat.qlike);
  assert.ok(oracle.against.flat.meanDifference < 0 && oracle.against.flat.pValue! < 0.01);
  assert.ok(Math.abs(oracle.coverage95 - 0.95) < 0.02, `coverage ${oracle.coverage95}`);
  assert.ok(oracle.mse < flat.mse);
  assert.deepEqual(flat.against, {});
});

Deno.test("variance scores: models scored on other rows are refused, naming the model", () => {
  const a = result("a", [0.01, -0.02], [1e-4, 1e-4]);
  const b = result("b", [0.01, -0.02], [1e-4, 1e-4], 2023);
  assert.throws(
    () => varianceScores(new Map([["a", [a]], ["b", [b]]]), []),
    /model b is scored on other rows than a/,
  );
});
