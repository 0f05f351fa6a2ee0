/**
 * The layer kit as tfjs layers: interpolation, layer norm's hand-written gradient, stacked
 * layers equal to separate copies, and every layer class serialisable (className,
 * getConfig, registerClass) so a model using it saves and reloads.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../../../models/tf/backend.ts";
import { AddNorm } from "../../../../models/tf/layers/add_norm.ts";
import { InterpretableMultiHeadAttention } from "../../../../models/tf/layers/attention/interpretable.ts";
import { GateAddNorm } from "../../../../models/tf/layers/gate_add_norm.ts";
import { GatedLinearUnit } from "../../../../models/tf/layers/glu.ts";
import { GatedResidualNetwork } from "../../../../models/tf/layers/grn.ts";
import { interpolationMatrix } from "../../../../models/tf/layers/interpolate.ts";
import { layerNorm } from "../../../../models/tf/layers/layer_norm.ts";
import { TorchLstm } from "../../../../models/tf/layers/lstm.ts";
import { ResampleNorm } from "../../../../models/tf/layers/resample_norm.ts";
import { type LayerCase, testSerialisable } from "./serialisable.ts";

await initBackend("wasm");

Deno.test("interpolation matrix: torch's linear align_corners=True resampling", () => {
  const matrix = (from: number, to: number) => {
    const m = interpolationMatrix(from, to);
    return Array.from({ length: from }, (_, i) => Array.from(m.slice(i * to, i * to + to)));
  };
  assert.deepEqual(matrix(3, 5), [[1, 0.5, 0, 0, 0], [0, 0.5, 1, 0.5, 0], [0, 0, 0, 0.5, 1]]);
  assert.deepEqual(matrix(4, 2), [[1, 0], [0, 0], [0, 0], [0, 1]]);
  assert.deepEqual(matrix(1, 3), [[1, 1, 1]]);
  // columns always sum to 1: a constant input stays constant
  const m = interpolationMatrix(8, 16);
  for (let j = 0; j < 16; j++) {
    let sum = 0;
    for (let i = 0; i < 8; i++) sum += m[i * 16 + j];
    assert.ok(Math.abs(sum - 1) < 1e-6);
  }
  assert.throws(() => interpolationMatrix(0, 3), /integers >= 1/);
});

Deno.test("layer norm: closed-form gradient equals autodiff, stacked parameters too", () => {
  for (const [xShape, pShape] of [[[5, 6], [6]], [[3, 4, 6], [3, 1, 6]]]) {
    const x = tf.randomNormal(xShape, 0, 2, "float32", 1);
    const gamma = tf.randomNormal(pShape, 1, 0.2, "float32", 2);
    const beta = tf.randomNormal(pShape, 0, 0.2, "float32", 3);
    const r = tf.randomNormal(xShape, 0, 1, "float32", 4);
    const plain = (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
      const { mean, variance } = tf.moments(a, -1, true);
      return tf.add(tf.mul(tf.div(tf.sub(a, mean), tf.sqrt(tf.add(variance, 1e-5))), g), b);
    };
    const loss = (f: typeof plain) => (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(f(a, g, b), r));
    const ours = tf.grads(loss(layerNorm))([x, gamma, beta]);
    const theirs = tf.grads(loss(plain))([x, gamma, beta]);
    const close = (a: tf.Tensor, b: tf.Tensor) =>
      a.dataSync().forEach((v, i) => assert.ok(Math.abs(v - b.dataSync()[i]) < 1e-4));
    close(layerNorm(x, gamma, beta), plain(x, gamma, beta));
    ours.forEach((g, i) => {
      assert.deepEqual(g.shape, theirs[i].shape);
      close(g, theirs[i]);
    });
  }
});

Deno.test("a stacked GRN equals its copies run one by one", () => {
  const stacked = new GatedResidualNetwork({
    name: "stacked",
    seed: 1,
    inputSize: 4,
    hiddenSize: 3,
    outputSize: 6,
    dropout: 0.2,
    stack: 3,
  });
  stacked.build([]);
  const x = tf.randomNormal([3, 5, 4], 0, 1, "float32", 5);
  const together = stacked.forward(x, false);
  for (let v = 0; v < 3; v++) {
    const single = new GatedResidualNetwork({
      name: `single${v}`,
      seed: 2,
      inputSize: 4,
      hiddenSize: 3,
      outputSize: 6,
      dropout: 0.2,
    });
    single.build([]);
    // same weight order in both; take copy v of every stacked weight
    single.setWeights(
      stacked.getWeights().map((w, i) =>
        tf.reshape(tf.gather(w, v), single.weights[i].shape as number[])
      ),
    );
    const alone = single.forward(tf.gather(x, v), false).dataSync();
    const slice = tf.gather(together, v).dataSync();
    alone.forEach((value, i) => assert.ok(Math.abs(value - slice[i]) < 1e-5));
  }
});

const common = { seed: 3, dropout: 0.1 };
testSerialisable([
  ["GLU", () => new GatedLinearUnit({ name: "glu", ...common, inputSize: 4, outputSize: 3 }), [[
    5,
    4,
  ]]],
  [
    "AddNorm",
    () => new AddNorm({ name: "an", seed: 3, size: 4, skipSize: 6, trainableAdd: true }),
    [
      [5, 4],
      [5, 6],
    ],
  ],
  ["ResampleNorm", () => new ResampleNorm({ name: "rn", seed: 3, inputSize: 3, outputSize: 5 }), [[
    2,
    3,
  ]]],
  ["GateAddNorm", () => new GateAddNorm({ name: "gan", ...common, inputSize: 4, outputSize: 4 }), [[
    2,
    4,
  ], [2, 4]]],
  ["GRN with context", () =>
    new GatedResidualNetwork({
      name: "grn",
      ...common,
      inputSize: 4,
      hiddenSize: 5,
      outputSize: 6,
      contextSize: 2,
    }), [[3, 7, 4], [3, 2]]],
  [
    "LSTM",
    () => new TorchLstm({ name: "lstm", ...common, inputSize: 3, hiddenSize: 4, layers: 2 }),
    [
      [2, 5, 3],
      [2, 2, 4],
      [2, 2, 4],
    ],
  ],
  [
    "attention",
    () => new InterpretableMultiHeadAttention({ name: "att", ...common, hiddenSize: 4, heads: 2 }),
    [
      [2, 2, 4],
      [2, 5, 4],
      [2, 5],
    ],
  ],
] as LayerCase[]);
