/**
 * Adjusted p-values for a family of tests (one per variant tried), so a program of many
 * variants does not report its luckiest one as a finding:
 *
 * - Holm (1979): step-down control of the family-wise error rate, uniformly more powerful
 *   than Bonferroni and valid under any dependence.
 * - Benjamini–Hochberg (1995): step-up control of the false discovery rate (independent or
 *   positively dependent tests).
 *
 * Both return the adjusted p-values in the order given (as R's `p.adjust`); reject at level
 * α where the adjusted value is ≤ α. A `null` p-value (a test that could not be computed)
 * stays `null` and does not count towards the family size.
 */

/** A p-value per test, `null` where a test could not be computed. */
export type PValues = ReadonlyArray<number | null>;

function ranked(pValues: PValues): Array<{ index: number; p: number }> {
  const tests: Array<{ index: number; p: number }> = [];
  pValues.forEach((p, index) => {
    if (p === null) return;
    if (!(p >= 0 && p <= 1)) throw new RangeError(`p-value ${index} must lie in [0, 1]: ${p}`);
    tests.push({ index, p });
  });
  return tests.sort((a, b) => a.p - b.p || a.index - b.index);
}

/** Holm's step-down adjustment: p₍ᵢ₎ ↦ max over j ≤ i of min(1, (m − j + 1)·p₍ⱼ₎). */
export function holm(pValues: PValues): Array<number | null> {
  const tests = ranked(pValues);
  const m = tests.length;
  const adjusted: Array<number | null> = pValues.map(() => null);
  let running = 0;
  tests.forEach(({ index, p }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[index] = running;
  });
  return adjusted;
}

/** Benjamini–Hochberg's step-up adjustment: p₍ᵢ₎ ↦ min over j ≥ i of min(1, m·p₍ⱼ₎ / j). */
export function benjaminiHochberg(pValues: PValues): Array<number | null> {
  const tests = ranked(pValues);
  const m = tests.length;
  const adjusted: Array<number | null> = pValues.map(() => null);
  let running = 1;
  for (let rank = m - 1; rank >= 0; rank--) {
    const { index, p } = tests[rank];
    running = Math.min(running, (m * p) / (rank + 1));
    adjusted[index] = running;
  }
  return adjusted;
}
