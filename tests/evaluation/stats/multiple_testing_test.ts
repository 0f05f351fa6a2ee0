import assert from "node:assert/strict";
import { benjaminiHochberg, holm } from "../../../evaluation/stats/multiple_testing.ts";

const close = (actual: Array<number | null>, expected: Array<number | null>) =>
  actual.forEach((value, i) => {
    if (expected[i] === null) return assert.equal(value, null);
    assert.ok(Math.abs(value! - expected[i]!) < 1e-12, `${i}: ${value} ≠ ${expected[i]}`);
  });

Deno.test("Holm: step-down by hand, in the given order (R's p.adjust)", () => {
  // Sorted: 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → max so far 0.06.
  close(holm([0.01, 0.04, 0.03, 0.005]), [0.03, 0.06, 0.06, 0.02]);
  close(holm([0.5, 0.9]), [1, 1]);
});

Deno.test("Benjamini–Hochberg: step-up by hand, in the given order (R's p.adjust)", () => {
  // Sorted: 4·0.005/1 = 0.02, 4·0.01/2 = 0.02, 4·0.03/3 = 0.04, 4·0.04/4 = 0.04; min from the top.
  close(benjaminiHochberg([0.01, 0.04, 0.03, 0.005]), [0.02, 0.04, 0.04, 0.02]);
  // A large p-value above a small one: step-up lets the small one keep m·p/rank.
  close(benjaminiHochberg([0.001, 0.8, 0.9]), [0.003, 0.9, 0.9]);
});

Deno.test("adjustments: null tests stay null and do not count; bad p-values are refused", () => {
  close(holm([0.01, null, 0.04]), [0.02, null, 0.04]);
  close(benjaminiHochberg([null, 0.02, 0.04]), [null, 0.04, 0.04]);
  assert.deepEqual(holm([]), []);
  assert.throws(() => holm([0.1, 1.2]), /p-value 1 must lie in \[0, 1\]: 1\.2/);
  assert.throws(() => benjaminiHochberg([Number.NaN]), /p-value 0/);
});

Deno.test("Holm lies between the raw p-value and Bonferroni's; Benjamini–Hochberg at or below Holm", () => {
  const raw = [0.001, 0.2, 0.03, 0.04, 0.5, 0.011];
  holm(raw).forEach((p, i) => {
    assert.ok(p! >= raw[i] && p! <= Math.min(1, raw.length * raw[i]) + 1e-15);
  });
  benjaminiHochberg(raw).forEach((p, i) => assert.ok(p! >= raw[i] && p! <= holm(raw)[i]!));
});
