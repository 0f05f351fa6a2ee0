/**
 * The TFT on the webgpu backend, where this machine has an adapter (a software one counts:
 * it runs the same code path): fit, predict, explain, save and reload must work and agree
 * with wasm up to float rounding. Reads must be asynchronous (webgpu's dataSync needs an
 * OffscreenCanvas, which Deno lacks) and the gradient-norm diagnostic must not go through
 * webgpu's AddN (it sums only four inputs).
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import type { EpochRecord } from "../../../models/contract.ts";
import { type BackendName, initBackend } from "../../../models/tf/backend.ts";
import { tftConfig } from "../../../models/tft/config.ts";
import { tftSpec } from "../../../models/tft/spec.ts";
import { tftFold } from "./tft_fold.ts";
import { requestWebGpuAdapter } from "../../../models/tf/webgpu_adapter.ts";

const adapter = await requestWebGpuAdapter().catch(() => null);

const fold = tftFold({ rows: 90, horizon: 2 });
const config = tftConfig.parse({
  hiddenSize: 8,
  attentionHeads: 2,
  hiddenContinuousSize: 4,
  training: { epochs: 2, batchSize: 32 },
});

async function runOn(backend: BackendName) {
  await initBackend(backend);
  const before = tf.memory().numTensors;
  const context = { seed: 3, backend };
  const model = tftSpec.create(config, context);
  const report = await model.fit(fold);
  const forecast = await model.predict(fold, "test");
  const explanation = await model.explain!(fold, "test");
  const restored = await tftSpec.load!(config, context, await model.save!());
  const reloaded = await restored.predict(fold, "test");
  model.dispose!();
  restored.dispose!();
  assert.equal(tf.memory().numTensors, before, `${backend}: tensors left behind`);
  return { history: report.history, forecast, explanation, reloaded };
}

function close(a: number, b: number, tolerance: number, what: string): void {
  assert.ok(Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a)), `${what}: ${a} vs ${b}`);
}

Deno.test({
  name: "TFT on webgpu fits, predicts, explains and reloads as on wasm",
  ignore: !adapter,
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    const wasm = await runOn("wasm");
    const webgpu = await runOn("webgpu").finally(() => initBackend("wasm"));
    const fields: (keyof EpochRecord)[] = [
      "trainLoss",
      "validationLoss",
      "predictionStdRatio",
      "shareLong",
      "outputToEncoderGradRatio",
    ];
    wasm.history.forEach((record, i) => {
      for (const field of fields) {
        close(record[field] as number, webgpu.history[i][field] as number, 1e-3, field);
      }
    });
    wasm.forecast.point.forEach((v, i) => close(v, webgpu.forecast.point[i], 1e-4, "point"));
    assert.deepEqual([...webgpu.reloaded.point], [...webgpu.forecast.point]);
    const [a, b] = [wasm.explanation.attention!.weights, webgpu.explanation.attention!.weights];
    a.forEach((w, i) => close(w, b[i], 1e-4, "attention"));
  },
});
