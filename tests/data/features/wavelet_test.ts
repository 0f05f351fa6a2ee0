import assert from "node:assert/strict";
import { causalDenoise, denoise } from "../../../data/features/wavelet.ts";
import { SeededRandom } from "../../../models/tf/rng.ts";

const rng = new SeededRandom(21);
const walk = (n: number) => {
  let level = 100;
  return Array.from({ length: n }, () => (level += rng.normal()));
};

Deno.test("Haar denoising: hand-computed one level, and an exact round trip for a smooth series", () => {
  // [1, 3, 2, 6]: approx (4, 8)/√2, detail (−2, −4)/√2; σ = median(√2, 2√2)/0.6745 ≈ 3.145,
  // λ = σ·√(2 ln 4) ≈ 5.24 > every |detail| → details vanish → pairwise means.
  const once = denoise([1, 3, 2, 6], { levels: 1, passes: 1 });
  [2, 2, 4, 4].forEach((v, i) => assert.ok(Math.abs(once[i] - v) < 1e-12, `${once[i]} ≠ ${v}`));
  // A series whose finest details are all zero (constant pairs) keeps every value.
  const steps = [5, 5, 7, 7, 1, 1, 4, 4];
  const kept = denoise(steps, { levels: 1, passes: 1 });
  steps.forEach((v, i) => assert.ok(Math.abs(kept[i] - v) < 1e-12, `${kept[i]} ≠ ${v}`));
  // Odd length: the last value is repeated for the transform and trimmed after.
  assert.equal(denoise([1, 2, 3, 4, 5], { levels: 2, passes: 2 }).length, 5);
});

Deno.test("denoising smooths: the denoised series moves less from bar to bar", () => {
  const series = walk(256);
  const roughness = (x: ArrayLike<number>) => {
    let sum = 0;
    for (let i = 1; i < x.length; i++) sum += Math.abs(x[i] - x[i - 1]);
    return sum;
  };
  assert.ok(roughness(denoise(series)) < 0.8 * roughness(series));
});

Deno.test("causal denoising: appending future points never changes a past output", () => {
  const series = walk(120);
  const early = causalDenoise(series.slice(0, 80));
  const late = causalDenoise(series);
  assert.deepEqual(Array.from(late.slice(0, 80)), Array.from(early));
  // Each causal output is the last point of the denoised prefix.
  assert.equal(late[99], denoise(series.slice(0, 100))[99]);
});

Deno.test("as published, the whole-series denoising leaks: later points move earlier outputs", () => {
  const series = walk(120);
  const early = denoise(series.slice(0, 80));
  const late = denoise(series);
  const moved = Array.from(early).filter((v, i) => Math.abs(v - late[i]) > 1e-9).length;
  assert.ok(moved > 0, "some of the first 80 outputs depend on points 80–119");
});

Deno.test("denoising options are checked", () => {
  assert.throws(
    () => denoise([1, 2], { levels: 0, passes: 1 }),
    /levels must be a positive integer/,
  );
  assert.throws(() => causalDenoise([1, 2], { levels: 1, passes: 1.5 }), /passes must be/);
});
