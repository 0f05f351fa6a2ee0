import assert from "node:assert/strict";
import {
  chooseDecay,
  decayForecasts,
  directionalAccuracy,
  fuseForecasts,
  type MemberForecasts,
} from "../../../models/fusion/fuse.ts";
import { SeededRandom, seedFrom } from "../../../models/tf/rng.ts";

/** Random member forecasts; member 2 has none before origin 30 (not yet listed). */
function forecasts(origins = 80, members = 3): MemberForecasts {
  const random = new SeededRandom(seedFrom("fuse-test", "1"));
  const point = new Float64Array(origins * members);
  for (let i = 0; i < origins; i++) {
    for (let n = 0; n < members; n++) {
      point[i * members + n] = n === 2 && i < 30 ? NaN : random.next() - 0.5;
    }
  }
  return { origins, members, horizon: 1, point };
}

Deno.test("fusion: average is the mean of the members with a forecast at each origin", () => {
  const f = forecasts();
  const fused = fuseForecasts(f, null);
  assert.ok(Math.abs(fused[0] - (f.point[0] + f.point[1]) / 2) < 1e-15);
  const i = 50;
  const expected = (f.point[i * 3] + f.point[i * 3 + 1] + f.point[i * 3 + 2]) / 3;
  assert.ok(Math.abs(fused[i] - expected) < 1e-15);
});

Deno.test("fusion: a member without a forecast before a date gets no weight before it", () => {
  const f = forecasts();
  const weights = [0.2, 0.3, 0.5];
  const fused = fuseForecasts(f, weights);
  for (let i = 0; i < 30; i++) {
    // Only members 0 and 1: their weights renormalised to 0.4 / 0.6.
    const expected = 0.4 * f.point[i * 3] + 0.6 * f.point[i * 3 + 1];
    assert.ok(Math.abs(fused[i] - expected) < 1e-15, `origin ${i}`);
  }
  const i = 40;
  const expected = 0.2 * f.point[i * 3] + 0.3 * f.point[i * 3 + 1] + 0.5 * f.point[i * 3 + 2];
  assert.ok(Math.abs(fused[i] - expected) < 1e-15);
  // A member with weight 0 is ignored even where it has a forecast.
  const zero = fuseForecasts(f, [1, 0, 0]);
  assert.deepEqual(Array.from(zero), Array.from({ length: 80 }, (_, k) => f.point[k * 3]));
});

Deno.test("fusion: an origin where no weighted member has a forecast fuses to NaN", () => {
  const f = forecasts();
  assert.ok(Number.isNaN(fuseForecasts(f, [0, 0, 1])[0]));
  assert.throws(() => fuseForecasts(f, [0.5, 0.5]), /2 weights for 3 members/);
});

Deno.test("fusion: weighted-decay at decay 0 is exactly the weighted fusion", () => {
  const weighted = fuseForecasts(forecasts(), [0.2, 0.3, 0.5]);
  assert.deepEqual(decayForecasts(weighted, 1, 0), weighted);
  const decayed = decayForecasts(weighted, 1, 0.5);
  assert.notDeepEqual(decayed, weighted);
  assert.ok(Math.abs(decayed[1] - (weighted[1] + 0.5 * (weighted[0] - weighted[1]))) < 1e-15);
  assert.throws(() => decayForecasts(weighted, 1, 1), /decay must be in \[0, 1\)/);
});

Deno.test("fusion: the decay is chosen by validation accuracy, ties to the smallest", () => {
  // Forecasts whose sign flips every other origin, on a market whose direction only turns
  // every 10 origins: smoothing (decay) recovers the slow direction.
  const n = 100;
  const actual = Float64Array.from({ length: n }, (_, i) => (Math.floor(i / 10) % 2 ? -1 : 1));
  const fused = Float64Array.from({ length: n }, (_, i) => actual[i] * 0.2 + (i % 2 ? -0.3 : 0.3));
  const raw = directionalAccuracy(fused, actual, 1);
  const chosen = chooseDecay({ fused, actual, horizon: 1, grid: [0.9, 0, 0.5] });
  assert.ok(chosen.decay > 0, `smoothing should win, got ${chosen.decay}`);
  assert.ok(chosen.accuracy[String(chosen.decay)] > raw);
  assert.equal(chosen.accuracy["0"], raw);
  // Constant accuracy across the grid: the smallest decay.
  const flat = chooseDecay({ fused: actual, actual, horizon: 1, grid: [0.5, 0.25] });
  assert.equal(flat.decay, 0.25);
  // No validation rows: decay 0 (the weighted forecast).
  assert.equal(
    chooseDecay({ fused: new Float64Array(0), actual: [], horizon: 1, grid: [0.5, 0] })
      .decay,
    0,
  );
});
