/**
 * The TFT network: parameter count against the PyTorch reference, output and
 * interpretation shapes over several configurations, selection and attention weights,
 * the causal mask, and gradients reaching every weight.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../../models/tf/backend.ts";
import { SeededRandom } from "../../../models/tf/rng.ts";
import { buildTft } from "../../../models/tft/build.ts";
import type { TftHyperparameters, TftShape } from "../../../models/tft/network.ts";

await initBackend("wasm");

const WEEKLY_SHAPE: TftShape = {
  staticSize: 1,
  pastSize: 12,
  knownSize: 2,
  encoderLength: 12,
  horizon: 1,
};
const WEEKLY_HYPER: TftHyperparameters = {
  hiddenSize: 16,
  heads: 4,
  hiddenContinuousSize: 8,
  dropout: 0.1,
  lstmLayers: 1,
  outputSize: 3,
  attentionMask: "exclude-self",
};

function randomInputs(shape: TftShape, batch: number, seed: number): tf.Tensor[] {
  const rng = new SeededRandom(seed);
  const make = (dims: number[]) => {
    const size = dims.reduce((a, b) => a * b, 1);
    return tf.tensor(Float32Array.from({ length: size }, () => rng.normal()), dims);
  };
  const { staticSize: s, pastSize: p, knownSize: f, encoderLength: l, horizon: h } = shape;
  return [make([batch, s]), make([batch, l, p]), make([batch, l + h, f])];
}

function rowSums(t: tf.Tensor): number[] {
  return [...tf.tidy(() => tf.sum(t, -1)).dataSync()];
}

Deno.test("TFT: weekly preset has the PyTorch reference's 25,327 parameters", () => {
  const built = buildTft(WEEKLY_SHAPE, WEEKLY_HYPER, 1);
  assert.equal(built.model.countParams(), 25_327);
  const names = built.model.weights.map((w) => w.originalName);
  assert.equal(new Set(names).size, names.length, "weight names are unique");
  assert.ok(names.every((name) => name.startsWith("tft/")));
  built.model.dispose();
});

const CONFIGS: Array<{ label: string; shape: TftShape; hyper: Partial<TftHyperparameters> }> = [
  { label: "weekly preset", shape: WEEKLY_SHAPE, hyper: {} },
  {
    label: "multi-horizon, two LSTM layers, point output",
    shape: { staticSize: 2, pastSize: 3, knownSize: 2, encoderLength: 5, horizon: 3 },
    hyper: { hiddenSize: 8, heads: 2, hiddenContinuousSize: 4, lstmLayers: 2, outputSize: 1 },
  },
  {
    label: "no static and no known variables",
    shape: { staticSize: 0, pastSize: 3, knownSize: 0, encoderLength: 4, horizon: 2 },
    hyper: { hiddenSize: 8, heads: 1, hiddenContinuousSize: 8 },
  },
  {
    label: "known variables only, paper mask",
    shape: { staticSize: 1, pastSize: 0, knownSize: 3, encoderLength: 3, horizon: 2 },
    hyper: { hiddenSize: 12, heads: 3, hiddenContinuousSize: 5, attentionMask: "include-self" },
  },
];

for (const { label, shape, hyper } of CONFIGS) {
  Deno.test(`TFT: output, selection and attention shapes (${label})`, () => {
    const full = { ...WEEKLY_HYPER, ...hyper };
    const built = buildTft(shape, full, 3);
    const batch = 5;
    const inputs = randomInputs(shape, batch, 4);
    const { staticSize: s, pastSize: p, knownSize: f, encoderLength: l, horizon: h } = shape;
    for (const training of [false, true]) {
      const out = built.layer.forward(inputs, training);
      assert.deepEqual(out.output.shape, [batch, h, full.outputSize]);
      assert.ok(out.output.dataSync().every(Number.isFinite));
      // the weights are formed in inference only (training runs the fused ops), except a
      // selection over fewer than two variables (constant weights)
      const selections: Array<[tf.Tensor | null, number[]]> = [
        [out.staticWeights, [batch, s]],
        [out.encoderWeights, [batch, l, p + f]],
        [out.decoderWeights, [batch, h, f]],
      ];
      assert.equal(out.attention === null, training);
      for (const [weights, expected] of selections) {
        const fused = expected[expected.length - 1] > 1;
        assert.equal(weights === null, training && fused);
        if (!weights) continue;
        assert.deepEqual(weights.shape, expected);
        // non-negative rows summing to 1 (empty groups have no rows)
        if (weights.shape[weights.rank - 1] === 0) continue;
        assert.ok(weights.dataSync().every((w) => w >= 0));
        for (const sum of rowSums(weights)) assert.ok(Math.abs(sum - 1) < 1e-5, `sum ${sum}`);
      }
      if (out.attention) {
        assert.deepEqual(out.attention.shape, [batch, full.heads, h, l + h]);
        for (const sum of rowSums(out.attention)) assert.ok(Math.abs(sum - 1) < 1e-5, `sum ${sum}`);
      }
      tf.dispose(Object.values(out).filter((t) => t !== null));
    }
    // the symbolic model agrees with the direct forward pass
    const viaModel = built.model.predict(inputs) as tf.Tensor;
    const direct = built.layer.forward(inputs, false).output;
    assert.deepEqual([...viaModel.dataSync()], [...direct.dataSync()]);
    tf.dispose([viaModel, direct, ...inputs]);
    built.model.dispose();
  });
}

Deno.test("TFT: masked attention keys get exactly zero weight", () => {
  const shape = { staticSize: 1, pastSize: 2, knownSize: 1, encoderLength: 3, horizon: 4 };
  for (const variant of ["exclude-self", "include-self"] as const) {
    const built = buildTft(shape, { ...WEEKLY_HYPER, hiddenSize: 8, attentionMask: variant }, 5);
    const inputs = randomInputs(shape, 2, 6);
    const attention = built.layer.forward(inputs, false).attention!; // [b, heads, H, L + H]
    const values = attention.dataSync() as Float32Array;
    const [b, heads, h, t] = attention.shape as number[];
    for (let i = 0; i < b * heads; i++) {
      for (let q = 0; q < h; q++) {
        for (let k = 0; k < t; k++) {
          const w: number = values[(i * h + q) * t + k];
          const step = k - shape.encoderLength;
          const allowed = step < 0 || (variant === "include-self" ? step <= q : step < q);
          if (!allowed) assert.equal(w, 0, `${variant}: query ${q} key ${k}`);
          else assert.ok(w > 0, `${variant}: query ${q} key ${k} should be attended`);
        }
      }
    }
    tf.dispose([attention, ...inputs]);
    built.model.dispose();
  }
});

Deno.test("TFT: perturbing a later decoder step leaves earlier outputs unchanged", () => {
  const shape = { staticSize: 1, pastSize: 2, knownSize: 2, encoderLength: 5, horizon: 4 };
  const built = buildTft(shape, { ...WEEKLY_HYPER, hiddenSize: 8, heads: 2 }, 7);
  const inputs = randomInputs(shape, 3, 8);
  const base = built.layer.forward(inputs, false).output; // [b, H, Q]
  const [, h, q] = base.shape;
  const baseValues = base.arraySync() as number[][][];
  for (let j = 1; j < h; j++) {
    const known = inputs[2].arraySync() as number[][][];
    for (const sample of known) {
      sample[shape.encoderLength + j] = sample[shape.encoderLength + j].map((v) => v + 3);
    }
    const perturbedKnown = tf.tensor(known);
    const out = built.layer.forward([inputs[0], inputs[1], perturbedKnown], false).output;
    const values = out.arraySync() as number[][][];
    let before = 0;
    let after = 0;
    values.forEach((sample, b) =>
      sample.forEach((step, s) =>
        step.forEach((v, k) => {
          const diff = Math.abs(v - baseValues[b][s][k]);
          if (s < j) before = Math.max(before, diff);
          else after = Math.max(after, diff);
        })
      )
    );
    assert.equal(before, 0, `steps < ${j} changed by ${before}`);
    assert.ok(after > 0, `step ${j} and later must react to the perturbation`);
    assert.equal(q, WEEKLY_HYPER.outputSize);
    tf.dispose([perturbedKnown, out]);
  }
  tf.dispose([base, ...inputs]);
  built.model.dispose();
});

Deno.test("TFT: gradients of the loss reach every trainable weight", () => {
  const shape = { staticSize: 2, pastSize: 3, knownSize: 2, encoderLength: 4, horizon: 2 };
  const built = buildTft(shape, { ...WEEKLY_HYPER, hiddenSize: 8, heads: 2, lstmLayers: 2 }, 9);
  const inputs = randomInputs(shape, 6, 10);
  const target = tf.randomNormal([6, 2], 0, 1, "float32", 11);
  const variables = built.model.trainableWeights.map((w) => w.read() as tf.Variable);
  const { value, grads } = tf.variableGrads(() => {
    const output = built.layer.forward(inputs, true).output;
    return tf.mean(tf.abs(tf.sub(tf.expandDims(target, 2), output))) as tf.Scalar;
  }, variables);
  assert.ok(Number.isFinite(value.dataSync()[0]));
  for (const variable of variables) {
    const grad = grads[variable.name];
    assert.ok(grad, `no gradient for ${variable.name}`);
    const values = grad.dataSync();
    assert.ok(values.every(Number.isFinite), `non-finite gradient for ${variable.name}`);
    assert.ok(values.some((v) => v !== 0), `zero gradient for ${variable.name}`);
  }
  tf.dispose([value, target, ...Object.values(grads), ...inputs]);
  built.model.dispose();
});
