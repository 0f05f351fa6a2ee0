import assert from "node:assert/strict";
import { pinballLoss, quantileScores, symmetricPairs } from "../../evaluation/quantile_scores.ts";
import { assertClose, STATS_REFERENCE } from "./stats/reference.ts";

Deno.test("pinball loss matches the NumPy reference per level and on average", () => {
  const { actual, quantileLevels, quantiles } = STATS_REFERENCE.inputs;
  const L = quantileLevels.length;
  const values = quantileLevels.map((_, k) => actual.map((_, i) => quantiles[i * L + k]));
  quantileLevels.forEach((level, k) =>
    assertClose(
      pinballLoss(values[k], actual, level),
      STATS_REFERENCE.pinball.perLevel[k],
      `pinball at ${level}`,
      1e-12,
    )
  );
  const scores = quantileScores({ levels: quantileLevels, values }, actual);
  assertClose(scores.pinball, STATS_REFERENCE.pinball.mean, "mean pinball", 1e-12);
});

Deno.test("coverage, width and calibration by hand", () => {
  // Levels 0.1, 0.5, 0.9 on 4 rows; the 80% interval is [q0.1, q0.9].
  const levels = [0.1, 0.5, 0.9];
  const values = [[-1, -1, -1, -1], [0, 0, 0, 0], [1, 1, 2, 2]];
  const actual = [0.5, -2, 1.5, 0];
  const scores = quantileScores({ levels, values }, actual);
  assert.deepEqual(scores.intervals, [
    { lowerLevel: 0.1, upperLevel: 0.9, nominal: 0.8, coverage: 0.75, width: 2.5 },
  ]);
  assert.deepEqual(scores.calibration, [
    { level: 0.1, shareBelow: 0.25 },
    { level: 0.5, shareBelow: 0.5 },
    { level: 0.9, shareBelow: 1 },
  ]);
  // Pinball at 0.5 is half the absolute error: (0.5 + 2 + 1.5 + 0) / 2 / 4 = 0.5.
  assert.equal(pinballLoss(values[1], actual, 0.5), 0.5);
});

Deno.test("symmetric pairs are found widest first", () => {
  assert.deepEqual(symmetricPairs([0.02, 0.1, 0.25, 0.5, 0.75, 0.9, 0.98]), [[0, 6], [1, 5], [
    2,
    4,
  ]]);
  assert.deepEqual(symmetricPairs([0.1, 0.5]), []);
});
