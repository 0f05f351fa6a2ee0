import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../../../models/tf/backend.ts";
import { LayerNorm } from "../../../../models/tf/layers/layer_norm.ts";

await initBackend("wasm");

const maxDiff = (a: tf.Tensor, b: tf.Tensor) =>
  tf.tidy(() => tf.sub(a, b).abs().max().dataSync()[0]);

Deno.test("LayerNorm matches tfjs' LayerNormalization in value and gradients", () => {
  const ours = new LayerNorm({ epsilon: 1e-5, name: "ours" });
  const theirs = tf.layers.layerNormalization({ epsilon: 1e-5, name: "theirs" });
  const x = tf.randomNormal([3, 4, 6], 0, 2, "float32", 1);
  ours.apply(x);
  theirs.apply(x);
  const gamma = tf.randomNormal([6], 1, 0.3, "float32", 2);
  const beta = tf.randomNormal([6], 0, 0.3, "float32", 3);
  ours.setWeights([gamma, beta]);
  theirs.setWeights([gamma, beta]);
  const weights = tf.randomNormal([3, 4, 6], 0, 1, "float32", 4);
  const objective = (layer: tf.layers.Layer) => (t: tf.Tensor) =>
    tf.sum(tf.mul(layer.apply(t) as tf.Tensor, weights));
  const [a, b] = [ours.apply(x) as tf.Tensor, theirs.apply(x) as tf.Tensor];
  assert.ok(maxDiff(a, b) < 1e-5);
  const [ga, gb] = [tf.grad(objective(ours))(x), tf.grad(objective(theirs))(x)];
  assert.ok(maxDiff(ga, gb) < 1e-4);
  const variables = (layer: tf.layers.Layer) =>
    layer.trainableWeights.map((w) => w.read() as tf.Variable);
  const va = tf.variableGrads(() => objective(ours)(x) as tf.Scalar, variables(ours)).grads;
  const vb = tf.variableGrads(() => objective(theirs)(x) as tf.Scalar, variables(theirs)).grads;
  const [oursGamma, theirsGamma] = [variables(ours)[0].name, variables(theirs)[0].name];
  assert.ok(maxDiff(va[oursGamma], vb[theirsGamma]) < 1e-4);
  // With γ = 1 and β = 0 every row comes out with mean 0 and variance ~1.
  ours.setWeights([tf.ones([6]), tf.zeros([6])]);
  const y = ours.apply(x) as tf.Tensor;
  const { mean, variance } = tf.moments(y, -1);
  assert.ok(mean.abs().max().dataSync()[0] < 1e-5);
  assert.ok(tf.sub(variance, 1).abs().max().dataSync()[0] < 1e-3);
});

Deno.test("LayerNorm: config round trip and a named error", () => {
  const layer = new LayerNorm({ epsilon: 1e-3, name: "norm" });
  const copy = LayerNorm.fromConfig(LayerNorm, layer.getConfig()) as LayerNorm;
  assert.equal(copy.epsilon, 1e-3);
  assert.equal(copy.name, "norm");
  assert.throws(() => new LayerNorm({ epsilon: 0, name: "bad" }), /bad: epsilon/);
});
