/**
 * The gradient-norm helper of the training step, on every backend this machine can start:
 * it must sum every gradient (tfjs 4.22's webgpu AddN kernel sums only its first four
 * inputs, which made the output/encoder gradient ratio garbage on webgpu).
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../../models/tf/backend.ts";
import { globalNorm } from "../../../models/tf/train_step.ts";

const gpu = (globalThis.navigator as { gpu?: GPU } | undefined)?.gpu;
const adapter = gpu ? await gpu.requestAdapter().catch(() => null) : null;

async function normOfNine(): Promise<number> {
  const grads = Array.from({ length: 9 }, (_, i) => tf.fill([i + 1], i + 1));
  const norm = globalNorm(grads);
  const value = (await norm.data())[0];
  tf.dispose([norm, ...grads]);
  return value;
}

// Σ_i (i + 1) · (i + 1)² over i = 0..8: each of the nine tensors holds i + 1 copies of i + 1.
const expected = Math.sqrt(
  Array.from({ length: 9 }, (_, i) => (i + 1) ** 3).reduce((a, b) => a + b),
);

for (const backend of ["wasm", "cpu", "webgpu"] as const) {
  Deno.test({
    name: `globalNorm sums all nine gradients on ${backend}`,
    ignore: backend === "webgpu" && !adapter,
    sanitizeOps: false,
    sanitizeResources: false,
    fn: async () => {
      await initBackend(backend);
      try {
        assert.ok(Math.abs((await normOfNine()) - expected) < 1e-4);
        const empty = globalNorm([]);
        assert.equal((await empty.data())[0], 0);
        empty.dispose();
      } finally {
        await initBackend("wasm");
      }
    },
  });
}
