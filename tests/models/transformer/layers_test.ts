import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../../models/tf/backend.ts";
import { loadLayersModel, saveLayersModel } from "../../../models/tf/serialize.ts";
import { MultiHeadSelfAttention } from "../../../models/tf/layers/attention/self_attention.ts";
import { ClsReadout, ClsToken } from "../../../models/transformer/cls_token.ts";
import { SinusoidalPositions, sinusoidalTable } from "../../../models/transformer/positions.ts";

await initBackend("wasm");

const close = (a: ArrayLike<number>, b: ArrayLike<number>, tolerance = 1e-5) =>
  Array.from(a).every((v, i) => Math.abs(v - b[i]) <= tolerance);

Deno.test("sinusoidal positions follow Vaswani et al. and are added to the input", () => {
  const table = sinusoidalTable(3, 4);
  assert.ok(close(table.slice(0, 4), [0, 1, 0, 1]));
  assert.ok(close(table.slice(4, 8), [Math.sin(1), Math.cos(1), Math.sin(0.01), Math.cos(0.01)]));
  const x = tf.ones([2, 3, 4]);
  const y = new SinusoidalPositions().apply(x) as tf.Tensor;
  assert.ok(close(y.dataSync().slice(12, 24), table.map((v) => v + 1)));
  tf.dispose([x, y]);
});

Deno.test("ClsToken prepends one learnable token; ClsReadout takes it back out", () => {
  const x = tf.randomNormal([2, 3, 4], 0, 1, "float32", 1);
  const token = new ClsToken({ seed: 5, name: "cls" });
  const withCls = token.apply(x) as tf.Tensor;
  assert.deepEqual(withCls.shape, [2, 4, 4]);
  const value = [...token.getWeights()[0].dataSync()];
  assert.ok(value.every((v) => Math.abs(v) < 0.1) && value.some((v) => v !== 0));
  assert.deepEqual([...withCls.slice([1, 0, 0], [1, 1, 4]).dataSync()], value);
  assert.deepEqual([...withCls.slice([0, 1, 0], [2, 3, 4]).dataSync()], [...x.dataSync()]);
  const readout = new ClsReadout().apply(withCls) as tf.Tensor;
  assert.deepEqual(readout.shape, [2, 4]);
  assert.deepEqual([...readout.dataSync()], [...value, ...value]);
  tf.dispose([x, withCls, readout]);
});

/** Attention computed head by head with plain ops from the layer's weights. */
function referenceAttention(layer: MultiHeadSelfAttention, x: tf.Tensor3D, heads: number) {
  return tf.tidy(() => {
    const [qkvKernel, qkvBias, outKernel, outBias] = layer.getWeights();
    const [b, s, d] = x.shape;
    const dk = d / heads;
    const flat = x.reshape([b * s, d]);
    const project = (part: number, head: number) =>
      tf.add(
        tf.matMul(flat, qkvKernel.slice([0, part * d + head * dk], [d, dk])),
        qkvBias.slice([part * d + head * dk], [dk]),
      ).reshape([b, s, dk]);
    const contexts: tf.Tensor[] = [];
    const weights: tf.Tensor[] = [];
    for (let h = 0; h < heads; h++) {
      const [q, k, v] = [0, 1, 2].map((part) => project(part, h) as tf.Tensor3D);
      const w = tf.softmax(tf.div(tf.matMul(q, k, false, true), Math.sqrt(dk))) as tf.Tensor3D;
      weights.push(w);
      contexts.push(tf.matMul(w, v));
    }
    const context = tf.concat(contexts, 2).reshape([b * s, d]);
    const out = tf.add(tf.matMul(context, outKernel), outBias).reshape([b, s, d]);
    return [out, tf.stack(weights, 1)];
  });
}

Deno.test("multi-head self-attention matches a head-by-head computation; rows sum to 1", () => {
  const heads = 2;
  const layer = new MultiHeadSelfAttention({ heads, dropout: 0.5, seed: 3, name: "attention" });
  const x = tf.randomNormal([2, 5, 6], 0, 1, "float32", 2) as tf.Tensor3D;
  const [out, weights] = layer.apply(x) as tf.Tensor[];
  assert.deepEqual(out.shape, [2, 5, 6]);
  assert.deepEqual(weights.shape, [2, heads, 5, 5]);
  const [refOut, refWeights] = referenceAttention(layer, x, heads);
  assert.ok(close(out.dataSync(), refOut.dataSync()));
  assert.ok(close(weights.dataSync(), refWeights.dataSync()));
  const rowSums = weights.sum(3);
  assert.ok(close(rowSums.dataSync(), new Array(20).fill(1)));
  tf.dispose([x, out, weights, refOut, refWeights, rowSums]);
});

Deno.test("attention dropout: a fresh seeded mask per training call, none at inference", () => {
  const run = () => {
    const layer = new MultiHeadSelfAttention({ heads: 1, dropout: 0.5, seed: 4, name: "a" });
    const x = tf.randomNormal([1, 4, 2], 0, 1, "float32", 3);
    const outputs = [true, true, false].map((training) => {
      const [out, weights] = layer.apply(x, { training }) as tf.Tensor[];
      const values = [...out.dataSync()];
      tf.dispose([out, weights]);
      return values;
    });
    x.dispose();
    return outputs;
  };
  const [first, second, inference] = run();
  assert.notDeepEqual(first, second);
  assert.notDeepEqual(first, inference);
  assert.deepEqual(run(), [first, second, inference]);
});

Deno.test("custom transformer layers serialise with their config", async () => {
  const input = tf.input({ shape: [3, 4] });
  const positioned = new SinusoidalPositions({ name: "positions" }).apply(input);
  const tokens = new ClsToken({ seed: 1, name: "cls" }).apply(positioned) as tf.SymbolicTensor;
  const attention = new MultiHeadSelfAttention({ heads: 2, dropout: 0.1, seed: 2, name: "mha" });
  const [attended] = attention.apply(tokens) as tf.SymbolicTensor[];
  const output = new ClsReadout({ name: "readout" }).apply(attended) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: output });
  const loaded = await loadLayersModel(await saveLayersModel(model));
  const config = loaded.getLayer("mha").getConfig();
  assert.equal(config.heads, 2);
  assert.equal(config.dropout, 0.1);
  assert.equal(loaded.getLayer("cls").getConfig().seed, 1);
  const x = tf.randomNormal([2, 3, 4], 0, 1, "float32", 9);
  const [a, b] = [model.predict(x) as tf.Tensor, loaded.predict(x) as tf.Tensor];
  assert.deepEqual([...b.dataSync()], [...a.dataSync()]);
  tf.dispose([x, a, b]);
  assert.throws(
    () =>
      new MultiHeadSelfAttention({ heads: 4, dropout: 0, seed: 1 }).apply(
        tf.input({ shape: [3, 6] }),
      ),
    /divisible by 4 heads/,
  );
});
