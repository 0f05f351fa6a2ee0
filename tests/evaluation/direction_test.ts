import assert from "node:assert/strict";
import { directionHits, directionScore, upMoves } from "../../evaluation/direction.ts";

Deno.test("direction: > 0 is up, ≤ 0 is down, for forecasts and outcomes", () => {
  const point = [0.01, 0, -0.02, 0.03, -0.01];
  const actual = [0.02, 0.01, -0.01, 0, 0];
  // hits: up/up ✓, down/up ✗, down/down ✓, up/down(0) ✗, down/down(0) ✓
  assert.deepEqual([...directionHits(point, actual)], [1, 0, 1, 0, 1]);
  assert.deepEqual([...upMoves(actual)], [1, 1, 0, 0, 0]);
  const score = directionScore(directionHits(point, actual), upMoves(actual));
  assert.equal(score.n, 5);
  assert.equal(score.da, 0.6);
  assert.equal(score.baseRate, 0.4);
  assert.ok(Math.abs(score.excess! - 0.2) < 1e-15);
});

Deno.test("direction score of selected rows, and of no rows", () => {
  const hits = Uint8Array.from([1, 0, 1, 1]);
  const up = Uint8Array.from([1, 1, 0, 1]);
  assert.deepEqual(directionScore(hits, up, [0, 0, 1]), {
    n: 3,
    da: 2 / 3,
    baseRate: 1,
    excess: 2 / 3 - 1,
  });
  assert.deepEqual(directionScore(hits, up, []), { n: 0, da: null, baseRate: null, excess: null });
});
