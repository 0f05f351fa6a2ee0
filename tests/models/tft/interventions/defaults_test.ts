/**
 * The interventions are off by default: a TFT config that names none of them trains to the
 * same forecasts, bit for bit, as before they existed. The fingerprint was taken on commit
 * 44cebbc (before any intervention) with exactly this fit, and re-taken on branch `speed`
 * when the wasm batched matmul (XNNPACK views) and Adam on the wasm heap changed float32
 * rounding (their tolerances are tested in tests/models/tf/), and on branch `speed2` when the
 * interpretable attention, the gate-add-norms and the selection networks' weighted sums
 * became hand-differentiated ops (their forward and gradients match autodiff of the composed
 * formulas within 1e-5: tests/models/tf/layers/fused_attention_test.ts, fused_ops_test.ts,
 * tests/models/tft/fused_selection_test.ts), and on branch `tftops` when the fused ops' layer
 * norms, GLUs, bias activations and the LSTM cell became JavaScript-on-heap wasm kernels with
 * float64 sums (within 1e-5 of autodiff: fused_ops_test.ts, norm_kernels_test.ts,
 * lstm_sequence_test.ts); a change here means existing TFT runs would change.
 */
import assert from "node:assert/strict";
import { initBackend } from "../../../../models/tf/backend.ts";
import { tftConfig } from "../../../../models/tft/config.ts";
import { tftSpec } from "../../../../models/tft/spec.ts";
import { tftFold } from "../tft_fold.ts";

await initBackend("wasm");

const BEFORE_INTERVENTIONS = "c5adb4e79aa4b7831345cb6c477b59bbc23d5c1888d80c0e4a4089db1d23b68d";

async function sha256(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

Deno.test("default TFT: same quantile forecasts as before the interventions existed", async () => {
  const fold = tftFold({ rows: 160, horizon: 2 });
  const config = tftConfig.parse({
    hiddenSize: 8,
    attentionHeads: 2,
    hiddenContinuousSize: 4,
    training: { epochs: 3, batchSize: 16, learningRate: 0.01 },
  });
  const model = tftSpec.create(config, { seed: 5, backend: "wasm" });
  await model.fit(fold);
  const forecast = await model.predict(fold, "test");
  model.dispose?.();
  const values = forecast.quantiles!.values;
  assert.equal(await sha256(new Uint8Array(values.buffer as ArrayBuffer)), BEFORE_INTERVENTIONS);
});

Deno.test("default TFT config: no intervention field appears when none is named", () => {
  const parsed = tftConfig.parse({});
  const fields = Object.keys(parsed).sort();
  assert.deepEqual(fields, [
    "attentionHeads",
    "attentionMask",
    "attentionPerSample",
    "dropout",
    "fineTune",
    "hiddenContinuousSize",
    "hiddenSize",
    "loss",
    "lstmLayers",
    "quantiles",
    "targetScaling",
    "training",
    "varianceWeight",
  ]);
  assert.deepEqual(Object.keys(parsed.training).sort(), [
    "batchSize",
    "checkpointSelection",
    "clipNorm",
    "earlyStoppingPatience",
    "epochs",
    "learningRate",
    "plateau",
    "weightDecay",
  ]);
});
