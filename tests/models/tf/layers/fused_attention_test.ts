/**
 * The fused interpretable multi-head attention against autodiff of the composed formula it
 * replaced (per-head projections, scaled scores + additive mask, softmax, optional regime
 * gates, shared values, head dropout, mean over heads, output projection, output dropout):
 * same output and same gradients for q, kv, every weight and the gates, within 1e-5 of the
 * largest magnitude (float32). Batch > 1, several heads, causal and per-sample masks.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../../../models/tf/backend.ts";
import { SeededRandom } from "../../../../models/tf/rng.ts";
import {
  attentionForward,
  type AttentionParams,
  fusedAttention,
  PARAMS,
} from "../../../../models/tf/layers/attention/fused_interpretable.ts";
import { InterpretableMultiHeadAttention } from "../../../../models/tf/layers/attention/interpretable.ts";
import { attentionMaskTensor } from "../../../../models/tft/mask.ts";
import { compare, randomTensor } from "./autodiff.ts";

await initBackend("wasm");

const TOLERANCE = 1e-5;
const rng = new SeededRandom(11);
const random = randomTensor(rng);

/** The composed formula, as interpretable.ts wrote it before the fused op. */
function reference(
  q: tf.Tensor,
  kv: tf.Tensor,
  w: AttentionParams,
  o: {
    heads: number;
    mask: tf.Tensor;
    gates?: tf.Tensor;
    headMask?: tf.Tensor;
    outMask?: tf.Tensor;
  },
) {
  const [batch, tq, hidden] = q.shape as number[];
  const tk = kv.shape[1] as number;
  const n = o.heads;
  const d = hidden / n;
  const dense = (x: tf.Tensor, k: tf.Tensor, b?: tf.Tensor) => {
    const y = tf.matMul(tf.reshape(x, [-1, k.shape[0]!]) as tf.Tensor2D, k as tf.Tensor2D);
    return tf.reshape(b ? tf.add(y, b) : y, [...x.shape.slice(0, -1), k.shape[1]!]);
  };
  const queries = tf.transpose(tf.reshape(dense(q, w.query, w.queryBias), [batch, tq, n, d]), [
    0,
    2,
    1,
    3,
  ]);
  const keys = tf.transpose(tf.reshape(dense(kv, w.key, w.keyBias), [batch, tk, n, d]), [
    0,
    2,
    3,
    1,
  ]);
  let weights = tf.softmax(tf.add(tf.mul(tf.matMul(queries, keys), 1 / Math.sqrt(d)), o.mask));
  if (o.gates) weights = tf.mul(weights, tf.reshape(o.gates, [batch, n, 1, 1]));
  const values = dense(kv, w.value, w.valueBias);
  let heads = tf.reshape(
    tf.matMul(tf.reshape(weights, [batch, n * tq, tk]), values),
    [batch, n, tq, d],
  );
  if (o.headMask) heads = tf.mul(heads, o.headMask);
  let output = dense(tf.mean(heads, 1), w.output);
  if (o.outMask) output = tf.mul(output, o.outMask);
  return { output, weights };
}

function dropoutMask(shape: number[], rate: number) {
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(
    Float32Array.from({ length: size }, () => (rng.next() < rate ? 0 : 1 / (1 - rate))),
    shape,
  );
}

const CASES = [
  { label: "one query step, exclude-self mask", batch: 3, tq: 1, tk: 9, heads: 4, d: 3 },
  { label: "several query steps, include-self mask", batch: 2, tq: 3, tk: 8, heads: 2, d: 4 },
  { label: "with regime gates", batch: 4, tq: 2, tk: 7, heads: 3, d: 2, gates: true },
  { label: "with dropout", batch: 3, tq: 2, tk: 6, heads: 2, d: 3, dropout: true },
  {
    label: "per-sample (staleness) mask, gates and dropout",
    batch: 3,
    tq: 2,
    tk: 7,
    heads: 4,
    d: 2,
    gates: true,
    dropout: true,
    perSample: true,
  },
];

for (const c of CASES) {
  Deno.test(`fused attention equals autodiff of the composed formula (${c.label})`, () => {
    const hidden = c.heads * c.d;
    const variant = c.tq === 1 ? "exclude-self" : "include-self";
    let mask = attentionMaskTensor(c.tk - c.tq, c.tq, variant);
    if (c.perSample) {
      const penalty = tf.mul(tf.abs(random([c.batch, 1, 1, c.tk])), -2);
      mask = tf.add(mask, penalty);
    }
    const params: AttentionParams = {
      query: random([hidden, hidden], 0.5),
      queryBias: random([hidden], 0.1),
      key: random([hidden, hidden], 0.5),
      keyBias: random([hidden], 0.1),
      value: random([hidden, c.d], 0.5),
      valueBias: random([c.d], 0.1),
      output: random([c.d, hidden], 0.5),
    };
    const kv = random([c.batch, c.tk, hidden]);
    const q = random([c.batch, c.tq, hidden]);
    const gates = c.gates ? tf.sigmoid(random([c.batch, c.heads])) : undefined;
    const headMask = c.dropout ? dropoutMask([c.batch, c.heads, c.tq, c.d], 0.3) : undefined;
    const outMask = c.dropout ? dropoutMask([c.batch, c.tq, hidden], 0.3) : undefined;
    const inputs = [q, kv, ...PARAMS.map((k) => params[k]), ...(gates ? [gates] : [])];
    const split = (xs: tf.Tensor[]) => ({
      q: xs[0],
      kv: xs[1],
      w: Object.fromEntries(
        PARAMS.map((k, i) => [k, xs[2 + i]]),
      ) as unknown as AttentionParams,
      gates: gates ? xs[2 + PARAMS.length] : undefined,
    });
    compare({
      label: c.label,
      fused: (xs) => {
        const { q, kv, w, gates } = split(xs);
        return fusedAttention({
          q,
          kv,
          params: w,
          heads: c.heads,
          mask,
          gates,
          headMask,
          outputMask: outMask,
        });
      },
      reference: (xs) => {
        const { q, kv, w, gates } = split(xs);
        return reference(q, kv, w, { heads: c.heads, mask, gates, headMask, outMask }).output;
      },
      inputs,
      names: ["q", "kv", ...PARAMS, ...(gates ? ["gates"] : [])],
      random,
      tolerance: TOLERANCE,
    });
    // inference: the same forward as plain ops gives the weights too
    tf.tidy(() => {
      const plain = attentionForward({ q, kv, params, heads: c.heads, mask, gates });
      const expected = reference(q, kv, params, { heads: c.heads, mask, gates });
      const diff = tf.max(tf.abs(tf.sub(plain.weights, expected.weights))).dataSync()[0];
      assert.ok(diff <= TOLERANCE, `${c.label}: weights differ by ${diff}`);
    });
  });
}

Deno.test("attention layer: training returns no weights, inference does; same seed, same output", () => {
  const make = () => {
    const layer = new InterpretableMultiHeadAttention({
      name: "attention",
      seed: 3,
      scope: "t",
      hiddenSize: 8,
      heads: 2,
      dropout: 0.2,
    });
    layer.apply([tf.zeros([1, 1, 8]), tf.zeros([1, 5, 8]), tf.zeros([1, 5])]);
    return layer;
  };
  const kv = random([2, 5, 8]);
  const q = tf.slice(kv, [0, 4, 0], [2, 1, 8]);
  const mask = attentionMaskTensor(4, 1, "exclude-self");
  const [a, b] = [make(), make()];
  const trained = a.forward(q, kv, mask, true);
  assert.equal(trained.weights, null);
  assert.deepEqual(
    Array.from(trained.output.dataSync()),
    Array.from(b.forward(q, kv, mask, true).output.dataSync()),
  );
  const inferred = a.forward(q, kv, mask, false);
  assert.deepEqual(inferred.weights!.shape, [2, 2, 1, 5]);
  // dropout is on in training only
  assert.notDeepEqual(
    Array.from(trained.output.dataSync()),
    Array.from(inferred.output.dataSync()),
  );
});
