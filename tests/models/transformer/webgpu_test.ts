/**
 * The CLS Transformer's attention read-out on the webgpu backend, where this machine has an
 * adapter (a software one runs the same code path): webgpu cannot read a tensor
 * synchronously in Deno (no OffscreenCanvas), so `explain` must read asynchronously, and
 * the weights trained on wasm must give the same attention there up to float rounding.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../../models/tf/backend.ts";
import {
  clsTransformerConfig,
  clsTransformerSpec,
} from "../../../models/transformer/transformer.ts";
import { signalFold } from "../tf/signal_fold.ts";
import { requestWebGpuAdapter } from "../../../models/tf/webgpu_adapter.ts";

const adapter = await requestWebGpuAdapter().catch(() => null);

const fold = signalFold({ rows: 120 });
const config = clsTransformerConfig.parse({
  dModel: 16,
  heads: 2,
  layers: 2,
  feedForward: 32,
  headUnits: 16,
  training: { epochs: 2, batchSize: 32 },
});

Deno.test({
  name: "cls-transformer explain reads attention on webgpu as on wasm",
  ignore: !adapter,
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    await initBackend("wasm");
    const trained = clsTransformerSpec.create(config, { seed: 5, backend: "wasm" });
    await trained.fit(fold);
    const onWasm = await trained.explain!(fold, "test");
    const weights = await trained.save!();
    trained.dispose!();
    try {
      await initBackend("webgpu");
      const before = tf.memory().numTensors;
      const context = { seed: 5, backend: "webgpu" };
      const loaded = await clsTransformerSpec.load!(config, context, weights);
      const onGpu = await loaded.explain!(fold, "test");
      loaded.dispose!();
      assert.equal(tf.memory().numTensors, before, "webgpu: tensors left behind");
      assert.deepEqual(onGpu.attention!.steps, onWasm.attention!.steps);
      const flat = (e: typeof onWasm) => e.attentionByHead!.flat(2);
      const [gpuValues, wasmValues] = [flat(onGpu), flat(onWasm)];
      assert.equal(gpuValues.length, 2 * 2 * fold.encoderLength);
      gpuValues.forEach((value, i) => {
        assert.ok(
          Math.abs(value - wasmValues[i]) < 1e-4,
          `weight ${i}: ${value} vs ${wasmValues[i]}`,
        );
      });
    } finally {
      await initBackend("wasm");
    }
  },
});
