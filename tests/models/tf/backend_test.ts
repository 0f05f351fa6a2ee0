/**
 * Backend selection and the wasm kernel fixes installed by `initBackend("wasm")`: the
 * transposed-matmul rewrite (also a correctness fix: tfjs's own wasm `_FusedMatMul` with
 * transposeB + bias + relu is wrong) and buffer-sharing Identity/Cast must give the cpu
 * backend's results; a backend that cannot start is an error, never a silent fallback.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import {
  initBackend,
  probeWebGpu,
  resolveBackend,
  softwareAdapterWarning,
} from "../../../models/tf/backend.ts";
import { SeededRandom } from "../../../models/tf/rng.ts";
import { preferVulkan, requestWebGpuAdapter } from "../../../models/tf/webgpu_adapter.ts";

function values(size: number, seed: number): Float32Array {
  const rng = new SeededRandom(seed);
  return Float32Array.from({ length: size }, () => rng.normal());
}

type Product = () => tf.Tensor;

/** The products under test, built from fresh tensors on whichever backend is active. */
function products(): Record<string, Product> {
  const [m, k, n] = [96, 80, 72];
  const t = (shape: number[], seed: number) =>
    tf.tensor(values(shape.reduce((a, b) => a * b, 1), seed), shape);
  return {
    "matMul": () => tf.matMul(t([m, k], 1), t([k, n], 2)),
    "matMul transposeA": () => tf.matMul(t([k, m], 1), t([k, n], 2), true, false),
    "matMul transposeB": () => tf.matMul(t([m, k], 1), t([n, k], 2), false, true),
    "matMul transposeA+B": () => tf.matMul(t([k, m], 1), t([n, k], 2), true, true),
    "batched matMul transposeB": () => tf.matMul(t([3, m, k], 3), t([3, n, k], 4), false, true),
    "fused matMul transposeB + bias + relu": () =>
      tf.fused.matMul({
        a: t([m, k], 5),
        b: t([n, k], 6),
        transposeB: true,
        bias: t([n], 7),
        activation: "relu",
      }),
    "fused matMul transposeA + bias": () =>
      tf.fused.matMul({ a: t([k, m], 8), b: t([k, n], 9), transposeA: true, bias: t([n], 10) }),
  };
}

function evaluate(): Record<string, Float32Array> {
  return Object.fromEntries(
    Object.entries(products()).map(([name, make]) => {
      const result = tf.tidy(make);
      const data = result.dataSync() as Float32Array;
      result.dispose();
      return [name, data];
    }),
  );
}

Deno.test("patched wasm matMul and fused matMul equal the cpu backend's results", async () => {
  await tf.setBackend("cpu");
  const expected = evaluate();
  assert.equal(await initBackend("wasm"), "wasm");
  const actual = evaluate();
  for (const [name, reference] of Object.entries(expected)) {
    let worst = 0;
    let scale = 0;
    reference.forEach((v, i) => {
      worst = Math.max(worst, Math.abs(v - actual[name][i]));
      scale = Math.max(scale, Math.abs(v));
    });
    assert.ok(worst <= 1e-4 * Math.max(1, scale), `${name}: max |wasm − cpu| = ${worst}`);
  }
});

Deno.test("wasm Identity and same-dtype Cast share buffers safely", async () => {
  await initBackend("wasm");
  const before = tf.memory().numTensors;
  const x = tf.tensor([1, 2, 3, 4], [2, 2]);
  const copy = tf.clone(x);
  const cast = tf.cast(x, "float32");
  const real = tf.tensor([1.7, -2.2]);
  const toInt = tf.cast(real, "int32");
  x.dispose(); // the others must keep their data
  assert.deepEqual([...copy.dataSync()], [1, 2, 3, 4]);
  assert.deepEqual([...cast.dataSync()], [1, 2, 3, 4]);
  assert.deepEqual([...toInt.dataSync()], [1, -2]);
  assert.equal(toInt.dtype, "int32");
  // a variable's assign swaps buffers: a clone taken before keeps the old values
  const initial = tf.tensor([5, 6]);
  const v = tf.variable(initial);
  const snapshot = tf.clone(v);
  const next = tf.tensor([7, 8]);
  v.assign(next);
  assert.deepEqual([...snapshot.dataSync()], [5, 6]);
  assert.deepEqual([...v.dataSync()], [7, 8]);
  // gradients through saved (cloned) tensors are unchanged
  const start = tf.tensor([0.5, -1.5, 2]);
  const w = tf.variable(start);
  const { value, grads } = tf.variableGrads(
    () => tf.sum(tf.mul(tf.sigmoid(w), w)) as tf.Scalar,
    [w],
  );
  const s = [0.5, -1.5, 2].map((a) => 1 / (1 + Math.exp(-a)));
  const expected = [0.5, -1.5, 2].map((a, i) => s[i] + a * s[i] * (1 - s[i]));
  grads[w.name].dataSync().forEach((g, i) => assert.ok(Math.abs(g - expected[i]) < 1e-6));
  tf.dispose([copy, cast, real, toInt, initial, v, snapshot, next, start, w, value]);
  tf.dispose(Object.values(grads));
  assert.equal(tf.memory().numTensors, before);
});

Deno.test("a backend that cannot start is an error, not a fallback", async () => {
  await initBackend("wasm");
  const adapter = await requestWebGpuAdapter().catch(() => null);
  if (adapter) {
    // A machine with an adapter: webgpu must actually become active.
    assert.equal(await initBackend("webgpu"), "webgpu");
    assert.equal(tf.getBackend(), "webgpu");
  } else {
    await assert.rejects(initBackend("webgpu"), /backend "webgpu" failed to initialise/);
    assert.notEqual(tf.getBackend(), "webgpu");
  }
  assert.equal(await initBackend("wasm"), "wasm");
  assert.equal(tf.getBackend(), "wasm");
});

/** Runs `body` with `navigator.gpu` replaced by `gpu` (undefined: no WebGPU at all). */
async function withGpu(gpu: unknown, body: () => Promise<void>): Promise<void> {
  Object.defineProperty(globalThis.navigator, "gpu", { value: gpu, configurable: true });
  try {
    await body();
  } finally {
    delete (globalThis.navigator as { gpu?: unknown }).gpu; // the prototype's getter again
  }
}

const fakeGpu = (adapter: unknown) => ({ requestAdapter: () => Promise.resolve(adapter) });

Deno.test("webgpu without an adapter: a clear error before tfjs tries, wasm stays", async () => {
  await initBackend("wasm");
  for (
    const [gpu, reason] of [[undefined, "navigator.gpu is not available"], [
      fakeGpu(null),
      preferVulkan() === "vulkan"
        ? "no WebGPU adapter found \\(only Vulkan was searched: set DENO_WEBGPU_BACKEND=gl to try OpenGL\\)"
        : "no WebGPU adapter found",
    ]] as const
  ) {
    await withGpu(gpu, async () => {
      assert.equal((await probeWebGpu()).present, false);
      assert.equal(await resolveBackend("auto"), "wasm");
      await assert.rejects(
        initBackend("webgpu"),
        new RegExp(`backend "webgpu" failed to initialise: ${reason} \\(pass --backend wasm`),
      );
      assert.equal(await softwareAdapterWarning("webgpu"), null);
      assert.equal(tf.getBackend(), "wasm");
    });
  }
});

Deno.test("a software adapter is present but never picked by auto, and warned about", async () => {
  const lavapipe = { info: { vendor: "65541", architecture: "0", device: "lavapipe" } };
  const hardware = { info: { vendor: "nvidia", architecture: "hopper", device: "H100" } };
  await withGpu(fakeGpu(lavapipe), async () => {
    assert.deepEqual(await probeWebGpu(), {
      present: true,
      usable: false,
      description: "lavapipe",
    });
    assert.equal(await resolveBackend("auto"), "wasm");
    assert.equal(await resolveBackend("webgpu"), "webgpu", "an explicit choice is kept");
    assert.match((await softwareAdapterWarning("webgpu"))!, /software adapter \(lavapipe\)/);
    assert.equal(await softwareAdapterWarning("wasm"), null);
  });
  await withGpu(fakeGpu(hardware), async () => {
    assert.equal(await resolveBackend("auto"), "webgpu");
    assert.equal(await softwareAdapterWarning("webgpu"), null);
  });
});
