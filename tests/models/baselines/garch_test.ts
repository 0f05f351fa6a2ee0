/**
 * GARCH(1,1) against the carried reference (direct likelihood + scipy SLSQP, see
 * tests/fixtures/reference/generate_garch.py). Stated tolerance: α, β within 1e-4, ω and μ
 * within 0.1% of the reference value (plus 1e-8 absolute for μ), log-likelihood at least the
 * reference's minus 1e-6, variance forecasts within 1e-4 relative. (Measured: ~1e-6.)
 */
import assert from "node:assert/strict";
import { garchSpec } from "../../../models/baselines/garch.ts";
import { SeededRandom } from "../../../models/tf/rng.ts";
import { syntheticFold } from "./synthetic_fold.ts";

interface GarchCase {
  mean: "constant" | "zero";
  params: { mu: number; omega: number; alpha: number; beta: number };
  llf: number;
  one_step_variance: number[];
  multi_step_variance: Record<string, number[]>;
}
const ref: { n_fit: number; horizon: number; returns: number[]; cases: GarchCase[] } = JSON.parse(
  await Deno.readTextFile(
    new URL("../../fixtures/reference/garch_reference.json", import.meta.url),
  ),
);
const N = ref.returns.length;
const context = { seed: 5, backend: "cpu" };

/** Training rows 0..n_fit − 1, test origins as given. */
function referenceFold(horizon: number, test: number[]) {
  const lastTrainOrigin = ref.n_fit - 1 - horizon;
  return syntheticFold({
    target: ref.returns,
    encoderLength: 4,
    horizon,
    splits: {
      train: Array.from({ length: lastTrainOrigin - 2 }, (_, i) => i + 3),
      validation: [],
      test,
    },
  });
}

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

for (const c of ref.cases) {
  Deno.test(`garch (${c.mean} mean) matches the reference fit and variance forecasts`, async () => {
    const model = garchSpec.create(garchSpec.schema.parse({ mean: c.mean }), context);
    const oneStepOrigins = Array.from({ length: N - ref.n_fit }, (_, i) => ref.n_fit - 1 + i);
    const fold = referenceFold(1, oneStepOrigins);
    const report = await model.fit(fold);
    const s = report.summary as Record<string, number>;
    assert.ok(Math.abs(s.alpha - c.params.alpha) < 1e-4, `alpha ${s.alpha} vs ${c.params.alpha}`);
    assert.ok(Math.abs(s.beta - c.params.beta) < 1e-4, `beta ${s.beta} vs ${c.params.beta}`);
    assert.ok(relative(s.omega, c.params.omega) < 1e-3, `omega ${s.omega} vs ${c.params.omega}`);
    assert.ok(Math.abs(s.mu - c.params.mu) <= 1e-3 * Math.abs(c.params.mu) + 1e-8, `mu ${s.mu}`);
    assert.ok(s.logLikelihood >= c.llf - 1e-6, `llf ${s.logLikelihood} < reference ${c.llf}`);

    const forecast = await model.predict(fold, "test");
    assert.ok(forecast.point.every((p) => p === Math.fround(s.mu)));
    c.one_step_variance.forEach((expected, i) =>
      assert.ok(relative(forecast.variance![i], expected) < 1e-4, `origin ${oneStepOrigins[i]}`)
    );

    const origins = Object.keys(c.multi_step_variance).map(Number);
    const multiFold = referenceFold(ref.horizon, origins);
    await model.fit(multiFold);
    const multi = await model.predict(multiFold, "test");
    origins.forEach((origin, i) =>
      c.multi_step_variance[origin].forEach((expected, h) =>
        assert.ok(
          relative(multi.variance![i * ref.horizon + h], expected) < 1e-4,
          `${origin}+${h + 1}`,
        )
      )
    );
  });
}

Deno.test("garch recovers known parameters from simulated data", async () => {
  const rng = new SeededRandom(2024);
  const truth = { mu: 0.0008, omega: 4e-6, alpha: 0.1, beta: 0.85 };
  const n = 8000;
  const returns = new Float64Array(n);
  let variance = truth.omega / (1 - truth.alpha - truth.beta);
  let e = 0;
  for (let t = 0; t < n; t++) {
    if (t > 0) variance = truth.omega + truth.alpha * e * e + truth.beta * variance;
    e = Math.sqrt(variance) * rng.normal();
    returns[t] = truth.mu + e;
  }
  const fold = syntheticFold({ target: returns, encoderLength: 2, horizon: 1 });
  const model = garchSpec.create(garchSpec.schema.parse({}), context);
  const s = (await model.fit(fold)).summary as Record<string, number>;
  // n = 4800 training rows; tolerances about three standard errors.
  assert.ok(Math.abs(s.alpha - truth.alpha) < 0.03, `alpha ${s.alpha}`);
  assert.ok(Math.abs(s.beta - truth.beta) < 0.04, `beta ${s.beta}`);
  assert.ok(
    relative(s.unconditionalVariance, 8e-5) < 0.15,
    `long-run variance ${s.unconditionalVariance}`,
  );
  assert.ok(Math.abs(s.mu - truth.mu) < 4e-4, `mu ${s.mu}`);
});

Deno.test("garch is deterministic, and its config and errors name what is wrong", async () => {
  const fold = referenceFold(1, [ref.n_fit, ref.n_fit + 5]);
  const run = async () => {
    const model = garchSpec.create(garchSpec.schema.parse({}), context);
    await model.fit(fold);
    return model.predict(fold, "test");
  };
  const [a, b] = [await run(), await run()];
  assert.deepEqual([...a.variance!], [...b.variance!]);
  assert.deepEqual(garchSpec.schema.parse({}), {
    mean: "constant",
    fitOn: "train",
    maxIterations: 500,
  });
  assert.throws(() => garchSpec.schema.parse({ mean: "ar1" }), /"mean"/);
  assert.throws(() => garchSpec.schema.parse({ maxIterations: 1.5 }), /"maxIterations"/);
  const tiny = syntheticFold({ target: ref.returns.slice(0, 12), encoderLength: 2 });
  await assert.rejects(
    garchSpec.create(garchSpec.schema.parse({}), context).fit(tiny),
    /at least 20 returns/,
  );
});
