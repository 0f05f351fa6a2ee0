/**
 * The hand-differentiated ops (fused GRN, gate-add-norm, stacked matmul) against autodiff
 * of the plain formulas they replace: same values, same gradients for every input, on wasm
 * (where their norms and GLUs are JavaScript-on-heap kernels) and on cpu (tfjs ops).
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../../../models/tf/backend.ts";
import { SeededRandom } from "../../../../models/tf/rng.ts";
import { compare, randomTensor } from "./autodiff.ts";
import {
  fusedGrn,
  type GrnWeights,
  type ResampleWeights,
} from "../../../../models/tf/layers/fused_grn.ts";
import { fusedGateAddNorm } from "../../../../models/tf/layers/fused_gate_add_norm.ts";
import { interpolationTensor } from "../../../../models/tf/layers/interpolate.ts";
import { stackedMatMul } from "../../../../models/tf/layers/stacked_matmul.ts";

await initBackend("wasm");

/** The wasm kernels (JavaScript on the heap) and the tfjs ops other backends run. */
const BACKENDS = ["wasm", "cpu"];

const rng = new SeededRandom(5);
const random = randomTensor(rng);

/** The composed GRN formula, differentiated by tfjs (stacked layout). */
function referenceGrn(
  x: tf.Tensor,
  w: GrnWeights,
  extra: { context?: tf.Tensor; lead?: number[]; resample?: ResampleWeights; mask?: tf.Tensor },
): tf.Tensor {
  const norm = (t: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor) => {
    const { mean, variance } = tf.moments(t, -1, true);
    return tf.add(tf.mul(tf.div(tf.sub(t, mean), tf.sqrt(tf.add(variance, 1e-5))), gamma), beta);
  };
  const hidden = w.fc1Kernel.shape[w.fc1Kernel.rank - 1];
  let h1 = tf.add(tf.matMul(x as tf.Tensor3D, w.fc1Kernel as tf.Tensor3D), w.fc1Bias);
  if (extra.context) {
    h1 = tf.reshape(tf.add(tf.reshape(h1, [...extra.lead!, hidden]), extra.context), h1.shape);
  }
  let h2 = tf.add(tf.matMul(tf.elu(h1) as tf.Tensor3D, w.fc2Kernel as tf.Tensor3D), w.fc2Bias);
  if (extra.mask) h2 = tf.mul(h2, extra.mask);
  const value = tf.add(tf.matMul(h2 as tf.Tensor3D, w.valueKernel as tf.Tensor3D), w.valueBias);
  const gate = tf.add(tf.matMul(h2 as tf.Tensor3D, w.gateKernel as tf.Tensor3D), w.gateBias);
  let skip = x;
  if (extra.resample) {
    const rs = extra.resample;
    const [inSize, outSize] = rs.interpolation.shape as number[];
    const resampled = tf.reshape(
      tf.matMul(tf.reshape(x, [-1, inSize]), rs.interpolation),
      [...x.shape.slice(0, -1), outSize],
    );
    skip = norm(tf.mul(resampled, tf.mul(tf.sigmoid(rs.mask), 2)), rs.gamma, rs.beta);
  }
  return norm(tf.add(tf.mul(value, tf.sigmoid(gate)), skip), w.gamma, w.beta);
}

/** Shapes of a kernel and a per-unit vector: stacked ([v, ·, ·], [v, 1, ·]) or plain (v = 0). */
const kernel = (v: number, a: number, b: number) => v ? [v, a, b] : [a, b];
const unit = (v: number, size: number) => v ? [v, 1, size] : [size];

function grnWeights(v: number, inSize: number, hidden: number, out: number): GrnWeights {
  return {
    fc1Kernel: random(kernel(v, inSize, hidden), 0.5),
    fc1Bias: random(unit(v, hidden), 0.1),
    fc2Kernel: random(kernel(v, hidden, hidden), 0.5),
    fc2Bias: random(unit(v, hidden), 0.1),
    valueKernel: random(kernel(v, hidden, out), 0.5),
    valueBias: random(unit(v, out), 0.1),
    gateKernel: random(kernel(v, hidden, out), 0.5),
    gateBias: random(unit(v, out), 0.1),
    gamma: tf.add(random(unit(v, out), 0.1), 1),
    beta: random(unit(v, out), 0.1),
  };
}

const WEIGHT_NAMES = Object.keys(grnWeights(1, 1, 1, 1));

/** v: copies of a stacked layout, 0 for the plain (2-D) layout of an ordinary GRN. */
const GRN_CASES = [
  { label: "plain", v: 0, n: 7, inSize: 5, hidden: 5, out: 5 },
  { label: "plain with dropout", v: 0, n: 7, inSize: 5, hidden: 5, out: 5, mask: true },
  { label: "resampled skip", v: 0, n: 7, inSize: 4, hidden: 4, out: 6 },
  { label: "stack of one, resampled skip", v: 1, n: 7, inSize: 4, hidden: 4, out: 6 },
  {
    label: "context broadcast over time",
    v: 0,
    n: 12,
    inSize: 5,
    hidden: 3,
    out: 5,
    context: true,
  },
  { label: "stacked with dropout", v: 3, n: 9, inSize: 4, hidden: 4, out: 6, mask: true },
  // Many rows per copy: larger slices for the wasm batched matmul (wasm_batched_matmul.ts).
  { label: "stacked, many rows", v: 2, n: 600, inSize: 4, hidden: 4, out: 6 },
  // Over HEAP_EXP_LIMIT values (16,384): on wasm the GLU and ELU forward run as tfjs ops.
  { label: "stacked, past the heap kernels' limit", v: 2, n: 1400, inSize: 6, hidden: 6, out: 6 },
];

for (const backend of BACKENDS) {
  for (const c of GRN_CASES) {
    Deno.test(`fused GRN on ${backend} equals autodiff of the composed formula (${c.label})`, async () => {
      await tf.setBackend(backend);
      try {
        const weights = grnWeights(c.v, c.inSize, c.hidden, c.out);
        const rows = c.v ? [c.v, c.n] : [c.n];
        const x = random([...rows, c.inSize]);
        const lead = c.context ? [3, c.n / 3] : undefined;
        const context = c.context ? random([3, 1, c.hidden]) : undefined;
        const mask = c.mask
          ? tf.tensor(
            Float32Array.from(
              { length: (c.v || 1) * c.n * c.hidden },
              () => (rng.next() < 0.3 ? 0 : 1 / 0.7),
            ),
            [...rows, c.hidden],
          )
          : undefined;
        const resample = c.inSize !== c.out
          ? {
            interpolation: interpolationTensor(c.inSize, c.out),
            mask: random(unit(c.v, c.out), 0.3),
            gamma: tf.add(random(unit(c.v, c.out), 0.1), 1),
            beta: random(unit(c.v, c.out), 0.1),
          }
          : undefined;
        const inputs = [x, ...Object.values(weights), ...(context ? [context] : [])];
        const names = ["x", ...WEIGHT_NAMES, ...(context ? ["context"] : [])];
        if (resample) {
          inputs.push(resample.mask, resample.gamma, resample.beta);
          names.push("resample mask", "resample gamma", "resample beta");
        }
        const split = (xs: tf.Tensor[]) => {
          const w = Object.fromEntries(
            WEIGHT_NAMES.map((k, i) => [k, xs[1 + i]]),
          ) as unknown as GrnWeights;
          let k = 1 + WEIGHT_NAMES.length;
          const ctx = context ? xs[k++] : undefined;
          const rs = resample
            ? {
              interpolation: resample.interpolation,
              mask: xs[k++],
              gamma: xs[k++],
              beta: xs[k++],
            }
            : undefined;
          return { x: xs[0], w, ctx, rs };
        };
        compare({
          label: c.label,
          fused: (xs) => {
            const { x, w, ctx, rs } = split(xs);
            return fusedGrn({ x, weights: w, context: ctx, lead, resample: rs, dropoutMask: mask });
          },
          reference: (xs) => {
            const { x, w, ctx, rs } = split(xs);
            return referenceGrn(x, w, { context: ctx, lead, resample: rs, mask });
          },
          inputs,
          names,
          random,
        });
      } finally {
        await tf.setBackend("wasm");
      }
    });
  }
}

Deno.test("stacked matmul refuses kernels that do not match the input", () => {
  assert.throws(() => stackedMatMul(random([2, 3, 4]), random([3, 4, 2])), /cannot multiply/);
  assert.throws(() => stackedMatMul(random([2, 3, 4]), random([2, 5, 2])), /cannot multiply/);
});

/** LayerNorm(GLU(x ⊙ m) + skip) as plain tfjs ops. */
function referenceGateAddNorm(xs: tf.Tensor[], mask?: tf.Tensor): tf.Tensor {
  const [x, skip, vk, vb, gk, gb, gamma, beta] = xs;
  const input = mask ? tf.mul(x, mask) : x;
  const value = tf.add(tf.matMul(input as tf.Tensor3D, vk as tf.Tensor3D), vb);
  const gate = tf.sigmoid(tf.add(tf.matMul(input as tf.Tensor3D, gk as tf.Tensor3D), gb));
  const sum = tf.add(tf.mul(value, gate), skip);
  const { mean, variance } = tf.moments(sum, -1, true);
  return tf.add(tf.mul(tf.div(tf.sub(sum, mean), tf.sqrt(tf.add(variance, 1e-5))), gamma), beta);
}

const GATE_CASES = [
  { label: "plain", v: 0, n: 11, inSize: 6, out: 6 },
  { label: "plain, narrower input, dropout", v: 0, n: 9, inSize: 4, out: 6, mask: true },
  { label: "stacked with dropout", v: 3, n: 5, inSize: 4, out: 4, mask: true },
];

for (const backend of BACKENDS) {
  for (const c of GATE_CASES) {
    Deno.test(`fused gate-add-norm on ${backend} equals autodiff of the composed formula (${c.label})`, async () => {
      await tf.setBackend(backend);
      try {
        const rows = c.v ? [c.v, c.n] : [c.n];
        const inputs = [
          random([...rows, c.inSize]),
          random([...rows, c.out]),
          random(kernel(c.v, c.inSize, c.out), 0.5),
          random(unit(c.v, c.out), 0.1),
          random(kernel(c.v, c.inSize, c.out), 0.5),
          random(unit(c.v, c.out), 0.1),
          tf.add(random(unit(c.v, c.out), 0.1), 1),
          random(unit(c.v, c.out), 0.1),
        ];
        const mask = c.mask
          ? tf.tensor(
            Float32Array.from({ length: (c.v || 1) * c.n * c.inSize }, () =>
              rng.next() < 0.3 ? 0 : 1 / 0.7),
            [...rows, c.inSize],
          )
          : undefined;
        compare({
          label: c.label,
          fused: ([x, skip, valueKernel, valueBias, gateKernel, gateBias, gamma, beta]) =>
            fusedGateAddNorm({
              x,
              skip,
              weights: { valueKernel, valueBias, gateKernel, gateBias, gamma, beta },
              dropoutMask: mask,
            }),
          reference: (xs) => referenceGateAddNorm(xs, mask),
          inputs,
          names: [
            "x",
            "skip",
            "valueKernel",
            "valueBias",
            "gateKernel",
            "gateBias",
            "gamma",
            "beta",
          ],
          random,
          tolerance: 1e-5,
        });
      } finally {
        await tf.setBackend("wasm");
      }
    });
  }
}
