import assert from "node:assert/strict";
import { garchPaths } from "../../../models/baselines/garch_paths.ts";
import { factValues } from "../../../evaluation/pretrained/synthetic_facts.ts";

const params = { mu: 0.0004, omega: 2e-6, alpha: 0.1, beta: 0.88 };

Deno.test("garch paths: deterministic per seed, with the model's long-run volatility and clustering", () => {
  const options = { firstVariance: 1e-4, steps: 4000, paths: 3, seed: 5 };
  const paths = garchPaths(params, options);
  assert.deepEqual(garchPaths(params, options), paths);
  assert.notDeepEqual(garchPaths(params, { ...options, seed: 6 })[0], paths[0]);
  const longRun = Math.sqrt(params.omega / (1 - params.alpha - params.beta));
  for (const path of paths) {
    const facts = factValues(path);
    assert.ok(
      Math.abs(facts.volatility / longRun - 1) < 0.25,
      `vol ${facts.volatility} vs ${longRun}`,
    );
    assert.ok(facts.absoluteAcf1to5 > 0.05, `clustering ${facts.absoluteAcf1to5}`);
  }
  assert.throws(() => garchPaths(params, { ...options, firstVariance: 0 }), /must be positive/);
});
