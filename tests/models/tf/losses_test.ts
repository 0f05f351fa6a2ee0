import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../../models/tf/backend.ts";
import { makeLoss } from "../../../models/tf/losses.ts";

await initBackend("wasm");

const value = (loss: tf.Scalar) => {
  const v = loss.dataSync()[0];
  loss.dispose();
  return v;
};

Deno.test("mse matches a hand calculation and accepts a trailing singleton axis", () => {
  const y = tf.tensor2d([[1, 2], [3, 4]]);
  const p = tf.tensor2d([[0, 2], [5, 1]]);
  // errors 1, 0, -2, 3 → squares 1 + 0 + 4 + 9 = 14 → mean 3.5
  assert.ok(Math.abs(value(makeLoss({ name: "mse" })(y, p)) - 3.5) < 1e-6);
  const p3 = p.reshape([2, 2, 1]);
  assert.ok(Math.abs(value(makeLoss({ name: "mse" })(y, p3)) - 3.5) < 1e-6);
  assert.throws(() => makeLoss({ name: "mse" })(y, tf.zeros([2, 3])), /does not match/);
  tf.dispose([y, p, p3]);
});

Deno.test("quantile loss is 2·pinball averaged over batch, horizon and quantiles", () => {
  const y = tf.tensor2d([[1], [0]]);
  const p = tf.tensor3d([[[0, 2]], [[1, -1]]]); // quantiles 0.2 and 0.7
  // row 1: e = 1 - 0 = 1 → q=.2: max(.2, -.8) = .2 ; e = 1 - 2 = -1 → q=.7: max(-.7, .3) = .3
  // row 2: e = 0 - 1 = -1 → q=.2: max(-.2, .8) = .8 ; e = 0 + 1 = 1 → q=.7: max(.7, -.3) = .7
  // mean = (.2 + .3 + .8 + .7) / 4 = 0.5 → times 2 = 1.0
  const loss = makeLoss({ name: "quantile", quantiles: [0.2, 0.7] });
  assert.ok(Math.abs(value(loss(y, p)) - 1.0) < 1e-6);
  // q = 0.5 alone is the mean absolute error
  const median = makeLoss({ name: "quantile", quantiles: [0.5] });
  const p1 = tf.tensor3d([[[3]], [[-2]]]);
  assert.ok(Math.abs(value(median(y, p1)) - 2) < 1e-6); // |1-3| = 2, |0+2| = 2
  assert.throws(() => loss(y, p1), /\[batch, horizon, 2\]/);
  assert.throws(() => makeLoss({ name: "quantile", quantiles: [0.5, 0.4] }), /increase/);
  assert.throws(() => makeLoss({ name: "quantile", quantiles: [1.2] }), /quantiles\[0\]/);
  tf.dispose([y, p, p1]);
});

Deno.test("mse-variance adds w·(std(y) − std(ŷ))₊² per horizon step", () => {
  const y = tf.tensor2d([[1], [3]]); // std 1
  const collapsed = tf.tensor2d([[2], [2]]); // std 0, mse 1
  const wide = tf.tensor2d([[0], [4]]); // std 2, mse 1: no penalty
  const loss = makeLoss({ name: "mse-variance", varianceWeight: 0.5 });
  assert.ok(Math.abs(value(loss(y, collapsed)) - (1 + 0.5 * 1)) < 1e-4);
  assert.ok(Math.abs(value(loss(y, wide)) - 1) < 1e-4);
  assert.throws(() => makeLoss({ name: "mse-variance", varianceWeight: -1 }), /varianceWeight/);
  tf.dispose([y, collapsed, wide]);
});

Deno.test("makeLoss names an unknown loss", () => {
  assert.throws(() => makeLoss({ name: "huber" as "mse" }), /unknown loss "huber"/);
});

Deno.test("losses leave no tensors behind", () => {
  const y = tf.randomNormal([8, 3], 0, 1, "float32", 1);
  const p = tf.randomNormal([8, 3, 3], 0, 1, "float32", 2);
  const median = p.slice([0, 0, 1], [8, 3, 1]);
  const before = tf.memory().numTensors;
  value(makeLoss({ name: "quantile" })(y, p));
  value(makeLoss({ name: "mse-variance" })(y, median));
  assert.equal(tf.memory().numTensors, before);
  tf.dispose([y, p, median]);
});
