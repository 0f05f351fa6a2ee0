import assert from "node:assert/strict";
import { compareFacts, factValues } from "../../../evaluation/pretrained/synthetic_facts.ts";
import { SeededRandom } from "../../../models/tf/rng.ts";

function gaussian(n: number, seed: number, sd = 0.01): number[] {
  const random = new SeededRandom(seed);
  return Array.from({ length: n }, () => sd * random.normal());
}

/** GARCH(1,1)-like returns: clustered volatility and fat tails. */
function clustered(n: number, seed: number): number[] {
  const random = new SeededRandom(seed);
  let variance = 1e-4;
  let previous = 0;
  return Array.from({ length: n }, () => {
    variance = 2e-6 + 0.15 * previous ** 2 + 0.83 * variance;
    previous = Math.sqrt(variance) * random.normal();
    return previous;
  });
}

Deno.test("synthetic facts: paths from the real process reproduce its volatility, Gaussian paths miss clustering", () => {
  const real = clustered(2000, 1);
  const same = Array.from({ length: 40 }, (_, i) => clustered(2000, 100 + i));
  const volatility = compareFacts(real, same).find((f) => f.fact === "volatility")!;
  assert.equal(volatility.verdict, "reproduced");
  const iid = Array.from({ length: 40 }, (_, i) => gaussian(2000, 200 + i));
  const clustering = compareFacts(real, iid).find((f) => f.fact === "absoluteAcf1to5")!;
  assert.equal(clustering.verdict, "too low");
  assert.ok(clustering.real > clustering.high);
  const wide = Array.from({ length: 40 }, (_, i) => gaussian(2000, 300 + i, 0.05));
  assert.equal(compareFacts(real, wide).find((f) => f.fact === "volatility")!.verdict, "too high");
});

Deno.test("synthetic facts: fat tails and clustering read as such on a GARCH path", () => {
  const facts = factValues(clustered(5000, 7));
  assert.ok(facts.excessKurtosis > 0.5, `kurtosis ${facts.excessKurtosis}`);
  assert.ok(facts.absoluteAcf1to5 > 0.05, `|r| acf ${facts.absoluteAcf1to5}`);
  assert.ok(Math.abs(facts.returnAcf1) < 0.05);
  assert.throws(() => compareFacts(gaussian(100, 1), [gaussian(100, 2)]), /need ≥ 2 paths/);
});
