/**
 * `ResidualNorm` (LayerNorm(x + branch) as one op, `models/tf/layers/residual_norm.ts`)
 * against what the CLS Transformer ran before it, a tfjs `add` layer and the autodiff
 * `LayerNorm`: the same value and the same gradients for x, the branch, γ and β within
 * 1e-5 relative, on wasm (the heap kernels) and cpu (tfjs ops), at the Transformer's row
 * width; no tensor leaks; serialisable; and a named error for inputs that do not match.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../../../models/tf/backend.ts";
import { LayerNorm } from "../../../../models/tf/layers/layer_norm.ts";
import { ResidualNorm } from "../../../../models/tf/layers/residual_norm.ts";
import { SeededRandom } from "../../../../models/tf/rng.ts";
import { assertClose, randomTensor } from "./autodiff.ts";
import { testSerialisable } from "./serialisable.ts";

await initBackend("wasm");

/** One layer's output, and the gradients of Σ output·r for x, the branch, γ and β. */
function gradients(layer: tf.layers.Layer, apply: (x: tf.Tensor, b: tf.Tensor) => tf.Tensor) {
  return (x: tf.Tensor, branch: tf.Tensor, r: tf.Tensor) => {
    const objective = (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(apply(a, b), r));
    const [dx, dBranch] = tf.grads(objective)([x, branch]);
    const weights = layer.trainableWeights.map((w) => w.read() as tf.Variable);
    const { grads } = tf.variableGrads(() => objective(x, branch) as tf.Scalar, weights);
    return [apply(x, branch), dx, dBranch, ...weights.map((w) => grads[w.name])];
  };
}

for (const backend of ["wasm", "cpu"]) {
  Deno.test(`ResidualNorm on ${backend} equals add + LayerNorm in value and gradients`, async () => {
    await tf.setBackend(backend);
    try {
      const random = randomTensor(new SeededRandom(3));
      const shape = [2, 7, 128];
      const [x, branch, r] = [random(shape, 2), random(shape), random(shape)];
      // γ and β away from their initial ones and zeros
      const weights = [tf.add(random([128], 0.2), 1), random([128], 0.1)];
      const fused = new ResidualNorm({ name: "fused" });
      fused.build([shape, shape]);
      const plain = new LayerNorm({ epsilon: 1e-5, name: "plain" });
      plain.build(shape);
      for (const layer of [fused, plain]) layer.setWeights(weights);
      const before = tf.memory().numTensors;
      tf.tidy(() => {
        const ours = gradients(fused, (a, b) => fused.apply([a, b]) as tf.Tensor)(x, branch, r);
        const theirs = gradients(plain, (a, b) => plain.apply(tf.add(a, b)) as tf.Tensor)(
          x,
          branch,
          r,
        );
        ["value", "dx", "dBranch", "dGamma", "dBeta"].forEach((name, i) =>
          assertClose(ours[i], theirs[i], `${backend} ${name}`, 1e-5)
        );
      });
      assert.equal(tf.memory().numTensors, before, "a tensor leaked");
      tf.dispose([x, branch, r, ...weights]);
      for (const layer of [fused, plain]) layer.weights.forEach((w) => w.dispose());
    } finally {
      await tf.setBackend("wasm");
    }
  });
}

for (const backend of ["wasm", "cpu"]) {
  Deno.test(`ResidualNorm on ${backend}: gradients right when x and the branch share a path`, async () => {
    await tf.setBackend(backend);
    try {
      const random = randomTensor(new SeededRandom(9));
      const [x, r] = [random([3, 4, 16]), random([3, 4, 16])];
      const fused = new ResidualNorm({ name: "fused" });
      const plain = new LayerNorm({ epsilon: 1e-5, name: "plain" });
      fused.build([x.shape, x.shape]);
      plain.build(x.shape);
      const before = tf.memory().numTensors;
      tf.tidy(() => {
        // the branch is computed from x, and also feeds an op recorded before the layer, so
        // tfjs adds a second contribution to each input's gradient
        const objective = (apply: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor) => (t: tf.Tensor) => {
          const branch = tf.tanh(t);
          const side = tf.sum(tf.mul(branch, 3));
          return tf.add(tf.sum(tf.mul(apply(t, branch), r)), side);
        };
        const ours = tf.grad(objective((a, b) => fused.apply([a, b]) as tf.Tensor))(x);
        const theirs = tf.grad(objective((a, b) => plain.apply(tf.add(a, b)) as tf.Tensor))(x);
        assertClose(ours, theirs, `${backend} dx`, 1e-5);
      });
      assert.equal(tf.memory().numTensors, before, "a tensor leaked");
      tf.dispose([x, r]);
      for (const layer of [fused, plain]) layer.weights.forEach((w) => w.dispose());
    } finally {
      await tf.setBackend("wasm");
    }
  });
}

Deno.test("ResidualNorm refuses inputs of two shapes, naming the layer", () => {
  const layer = new ResidualNorm({ name: "encoder_1_ff_norm" });
  assert.throws(
    () => layer.apply([tf.input({ shape: [5, 8] }), tf.input({ shape: [5, 4] })]),
    /ResidualNorm encoder_1_ff_norm: x \[\?, 5, 8\] and branch \[\?, 5, 4\] must have one shape/,
  );
  assert.throws(() => layer.build([5, 8]), /expects two inputs/);
  // at run time too: the batch axis is unknown when the layer is built
  const norm = new ResidualNorm({ name: "encoder_2_attention_norm" });
  const [x, branch] = [tf.ones([2, 3, 4]), tf.ones([1, 3, 4])];
  assert.throws(
    () => norm.apply([x, branch]),
    /ResidualNorm encoder_2_attention_norm: x \[2, 3, 4\] and branch \[1, 3, 4\] must have one/,
  );
  tf.dispose([x, branch]);
});

testSerialisable([
  ["ResidualNorm", () => new ResidualNorm({ name: "residual_norm" }), [[2, 5, 8], [2, 5, 8]]],
]);
