/**
 * FlatAdam's step on the wasm heap (`models/tf/heap_adam.ts`) against the tensor form on the
 * cpu backend: clipping, decay and the gradient-norm ratio; a clone taken before a step
 * keeps its values; a matmul after an in-place update sees the new weights (the wasm
 * backend caches packed weights per tensor id).
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../../models/tf/backend.ts";
import { FlatAdam } from "../../../models/tf/flat_adam.ts";
import { SeededRandom } from "../../../models/tf/rng.ts";

const SHAPES = [[3, 4], [4], [2, 2, 3], [1]];

function initial(seed: number): Float32Array[] {
  const rng = new SeededRandom(seed);
  return SHAPES.map((shape) =>
    Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal())
  );
}

function loss(vars: tf.Variable[]): tf.Scalar {
  const x = tf.tensor2d([[1, -2, 0.5], [0.3, 0.1, -1]]);
  const product = tf.sum(tf.square(tf.matMul(x, vars[0]))); // the weight as matmul operand
  const rest = vars.slice(1).map((v, i) => tf.sum(tf.mul(tf.square(tf.sub(v, 0.3 * i)), i + 2)));
  return tf.addN([product, ...rest]) as tf.Scalar;
}

/** Twenty clipped, decayed steps on `backend`; the final weights and the ratios seen. */
async function train(backend: "wasm" | "cpu") {
  await initBackend(backend);
  const vars = initial(7).map((values, i) => tf.variable(tf.tensor(values, SHAPES[i])));
  const optimizer = new FlatAdam(vars, { learningRate: 0.05 });
  const groups = { output: [{ start: 0, size: 12 }], encoder: [{ start: 12, size: 17 }] };
  const ratios: number[] = [];
  for (let step = 0; step < 20; step++) {
    tf.tidy(() => {
      const { grads } = tf.variableGrads(() => loss(vars), vars);
      const names = vars.map((v) => v.name);
      // The last variable is left out: the loss "does not reach it" (a zero gradient).
      const list = names.map((name, i) => i === 3 ? undefined : grads[name]);
      const ratio = optimizer.step(list, { decay: 0.01, clipNorm: 0.5, groups });
      ratios.push(ratio!.dataSync()[0]);
    });
  }
  const mode = optimizer.mode;
  const weights = vars.map((v) => [...v.dataSync()]);
  optimizer.dispose();
  tf.dispose(vars);
  return { mode, weights, ratios };
}

Deno.test("FlatAdam on the wasm heap matches the tensor form on cpu, clipping and decay", async () => {
  const heap = await train("wasm");
  const tensors = await train("cpu");
  assert.equal(heap.mode, "heap");
  assert.equal(tensors.mode, "tensors");
  heap.ratios.forEach((r, i) =>
    assert.ok(Math.abs(r - tensors.ratios[i]) < 1e-5 * r, `ratio ${i}`)
  );
  heap.weights.forEach((w, v) =>
    w.forEach((x, k) => {
      const y = tensors.weights[v][k];
      assert.ok(Math.abs(x - y) < 1e-5, `var ${v}[${k}]: ${x} vs ${y}`);
    })
  );
  // Decay reached the variable without a gradient, and nothing else moved it.
  const start = initial(7)[3][0];
  assert.ok(Math.abs(heap.weights[3][0] - start * 0.99 ** 20) < 1e-6);
  await initBackend("wasm");
});

Deno.test("FlatAdam on the heap: clones keep their values, products see the new weights", async () => {
  await initBackend("wasm");
  const w = tf.variable(tf.tensor2d(initial(3)[0], [3, 4]));
  const x = tf.tensor2d([[1, 2, 3], [-1, 0.5, 2]]);
  const optimizer = new FlatAdam([w], { learningRate: 0.1 });
  tf.matMul(x, w).dispose(); // the backend now caches this weight, packed
  const kept = w.clone(); // shares w's buffer
  const before = [...kept.dataSync()];
  const step = () =>
    tf.tidy(() => {
      const { grads } = tf.variableGrads(() => tf.sum(tf.matMul(x, w)) as tf.Scalar, [w]);
      optimizer.step([grads[w.name]], { decay: 0, clipNorm: null, groups: null });
    });
  step(); // w is shared: a fresh buffer
  step(); // w is not shared: in place
  assert.deepEqual([...kept.dataSync()], before);
  const after = w.dataSync();
  assert.ok(after.some((v, i) => Math.abs(v - before[i]) > 0.1), "the weights moved");
  const product = tf.matMul(x, w).dataSync();
  const xs = x.dataSync();
  for (let r = 0; r < 2; r++) {
    for (let c = 0; c < 4; c++) {
      let sum = 0;
      for (let k = 0; k < 3; k++) sum += xs[r * 3 + k] * after[k * 4 + c];
      assert.ok(Math.abs(product[r * 4 + c] - sum) < 1e-5, `product[${r},${c}]`);
    }
  }
  const tensors = tf.memory().numTensors;
  step();
  assert.equal(tf.memory().numTensors, tensors, "a step leaks no tensor");
  tf.dispose([w, x, kept]);
  optimizer.dispose();
});
