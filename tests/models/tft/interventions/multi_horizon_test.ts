/**
 * Multi-horizon TFT: the quantile presets are valid configs, and a TFT fits and predicts
 * h = 5 with the 7-quantile preset: [n, 5, 7] ordered-by-level outputs whose point is the
 * median (the shapes the evaluation scores per step, at step 1 and averaged over steps).
 */
import assert from "node:assert/strict";
import { initBackend } from "../../../../models/tf/backend.ts";
import { tftConfig } from "../../../../models/tft/config.ts";
import { QUANTILE_PRESETS, quantilePreset } from "../../../../models/tft/interventions.ts";
import { tftSpec } from "../../../../models/tft/spec.ts";
import { tftFold } from "../tft_fold.ts";

await initBackend("wasm");

Deno.test("quantile presets: 3, 5 and 7 levels, each a valid TFT config with the median", () => {
  for (const [size, levels] of Object.entries(QUANTILE_PRESETS)) {
    assert.equal(levels.length, Number(size));
    const parsed = tftConfig.parse({ quantiles: quantilePreset(Number(size) as 3 | 5 | 7) });
    assert.ok(parsed.quantiles.includes(0.5));
  }
  assert.deepEqual(quantilePreset(3), tftConfig.parse({}).quantiles, "3 levels are the default");
});

Deno.test("TFT at h = 5 with 7 quantiles: [n, 5, 7] outputs, the point is the median", async () => {
  const fold = tftFold({ rows: 160, horizon: 5 });
  const config = tftConfig.parse({
    hiddenSize: 8,
    attentionHeads: 2,
    hiddenContinuousSize: 4,
    quantiles: quantilePreset(7),
    training: { epochs: 2, batchSize: 16, learningRate: 0.01 },
  });
  const model = tftSpec.create(config, { seed: 5, backend: "wasm" });
  await model.fit(fold);
  const forecast = await model.predict(fold, "test");
  const n = fold.splits.test.length;
  assert.equal(forecast.horizon, 5);
  assert.equal(forecast.point.length, n * 5);
  assert.equal(forecast.quantiles!.values.length, n * 5 * 7);
  for (let i = 0; i < n * 5; i++) {
    assert.equal(forecast.point[i], forecast.quantiles!.values[i * 7 + 3]);
  }
  model.dispose!();
});
