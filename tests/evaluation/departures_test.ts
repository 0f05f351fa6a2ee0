import assert from "node:assert/strict";
import { departuresFromAlwaysLong } from "../../evaluation/departures.ts";
import { directionHits, directionScore, upMoves } from "../../evaluation/direction.ts";
import { buildFits } from "./fixtures.ts";

Deno.test("departures from always-long are the down calls, and their hit rate by hand", () => {
  const point = [0.01, -0.02, 0, 0.03, -0.01];
  const actual = [0.02, -0.01, 0.01, -0.02, 0];
  // Down calls: rows 1, 2, 4; realised not up on rows 1 and 4.
  assert.deepEqual(departuresFromAlwaysLong(point, actual), {
    rows: 3,
    share: 0.6,
    hitRate: 2 / 3,
  });
  assert.deepEqual(departuresFromAlwaysLong([0.01, 0.02], [0.1, -0.1]), {
    rows: 0,
    share: 0,
    hitRate: null,
  });
  assert.deepEqual(departuresFromAlwaysLong([], []), { rows: 0, share: null, hitRate: null });
});

Deno.test("excess over always-long = share of down calls × (2 × their hit rate − 1)", () => {
  for (const { value } of buildFits({ years: [2021, 2022], models: ["tft", "arimax"] })) {
    const { point, actual } = value.test;
    const d = departuresFromAlwaysLong(point, actual);
    const score = directionScore(directionHits(point, actual), upMoves(actual));
    assert.ok(Math.abs(score.excess! - d.share! * (2 * d.hitRate! - 1)) < 1e-12);
  }
});
