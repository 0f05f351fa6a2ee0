/**
 * The wasm row kernels (`models/tf/wasm_simd/rows.ts`) against the JavaScript loops they
 * replaced, written out here as the reference: float64 arithmetic in the same order, one
 * rounding per stored float32. Every output must match bit for bit, so fits trained before
 * and after the move give identical predictions.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../../../models/tf/backend.ts";
import { NORM_GRAD_KERNEL, NORM_KERNEL } from "../../../../models/tf/layers/norm_wasm.ts";
import { GLU_GRAD_KERNEL } from "../../../../models/tf/layers/glu_wasm.ts";
import { BIAS_ACT_GRAD_KERNEL } from "../../../../models/tf/layers/bias_act_wasm.ts";
import type { WasmBackend } from "../../../../models/tf/wasm_heap.ts";
import { runRowKernel } from "../../../../models/tf/wasm_simd/rows.ts";
import { seededTensor } from "../seeded_tensor.ts";

/** Plain [N, n] rows with [n] vectors, and stacked [V, N, n] with [V, 1, n]; odd widths. */
const LAYOUTS: { x: number[]; vector: number[] }[] = [
  { x: [1, 1], vector: [1] },
  { x: [5, 7], vector: [7] },
  { x: [3, 9, 16], vector: [3, 1, 16] },
  { x: [14, 130, 8], vector: [14, 1, 8] },
  { x: [2, 3, 4, 5], vector: [5] },
  { x: [6, 70], vector: [70] },
  { x: [2, 7, 64], vector: [2, 1, 64] },
  { x: [3, 5, 65], vector: [3, 1, 65] },
  { x: [0, 6], vector: [6] },
];

const group = (row: number, rows: number, vector: number[], n: number) =>
  Math.floor(row / (rows / (vector.reduce((a, b) => a * b, 1) / n))) * n;

function bitsEqual(actual: tf.Tensor, expected: Float32Array, label: string) {
  const got = new Uint32Array((actual.dataSync() as Float32Array).slice().buffer);
  const want = new Uint32Array(expected.buffer);
  const first = got.findIndex((bits, i) => bits !== want[i]);
  assert.equal(first, -1, `${label}: first differing value at ${first}`);
  assert.equal(got.length, want.length, `${label}: size`);
}

function referenceNorm(
  x: Float32Array,
  skip: Float32Array | null,
  g: Float32Array,
  b: Float32Array,
  shape: number[],
  vector: number[],
  epsilon: number,
) {
  const n = shape.at(-1)!;
  const rows = x.length / n;
  const y = new Float32Array(x.length);
  const xhat = new Float32Array(x.length);
  const rstd = new Float32Array(rows);
  const row = new Float64Array(n);
  for (let r = 0; r < rows; r++) {
    let sum = 0;
    for (let j = 0; j < n; j++) {
      row[j] = skip ? x[r * n + j] + skip[r * n + j] : x[r * n + j];
      sum += row[j];
    }
    const mean = sum / n;
    let squares = 0;
    for (let j = 0; j < n; j++) squares += (row[j] - mean) ** 2;
    const s = 1 / Math.sqrt(squares / n + epsilon);
    rstd[r] = s;
    const gi = group(r, rows, vector, n);
    for (let j = 0; j < n; j++) {
      const h = (row[j] - mean) * s;
      xhat[r * n + j] = h;
      y[r * n + j] = h * g[gi + j] + b[gi + j];
    }
  }
  return { y, xhat, rstd };
}

function referenceNormGrad(
  dy: Float32Array,
  h: Float32Array,
  rstd: Float32Array,
  g: Float32Array,
  shape: number[],
  vector: number[],
) {
  const n = shape.at(-1)!;
  const rows = dy.length / n;
  const dx = new Float32Array(dy.length);
  const sumGamma = new Float64Array(g.length);
  const sumBeta = new Float64Array(g.length);
  for (let r = 0; r < rows; r++) {
    const gi = group(r, rows, vector, n);
    let sumG = 0;
    let sumGH = 0;
    for (let j = 0; j < n; j++) {
      const d = dy[r * n + j];
      const gj = d * g[gi + j];
      sumG += gj;
      sumGH += gj * h[r * n + j];
      sumGamma[gi + j] += d * h[r * n + j];
      sumBeta[gi + j] += d;
    }
    const meanG = sumG / n;
    const meanGH = sumGH / n;
    for (let j = 0; j < n; j++) {
      const gj = dy[r * n + j] * g[gi + j];
      dx[r * n + j] = rstd[r] * (gj - meanG - h[r * n + j] * meanGH);
    }
  }
  return { dx, dGamma: Float32Array.from(sumGamma), dBeta: Float32Array.from(sumBeta) };
}

const data = (t: tf.Tensor) => t.dataSync() as Float32Array;

Deno.test("wasm layer-norm kernels equal the float64 JavaScript reference bit for bit", async () => {
  await initBackend("wasm");
  LAYOUTS.forEach(({ x: shape, vector }, i) => {
    tf.tidy(() => {
      const x = seededTensor(shape, 10 + i);
      const skip = seededTensor(shape, 20 + i);
      const gamma = seededTensor(vector, 30 + i);
      const beta = seededTensor(vector, 40 + i);
      const dy = seededTensor(shape, 50 + i);
      for (const withSkip of [false, true]) {
        const inputs: tf.NamedTensorMap = withSkip ? { x, skip, gamma, beta } : { x, gamma, beta };
        const [y, xhat, rstd] = tf.engine().runKernel(NORM_KERNEL, inputs, {
          epsilon: 1e-5,
        }) as tf.Tensor[];
        const want = referenceNorm(
          data(x),
          withSkip ? data(skip) : null,
          data(gamma),
          data(beta),
          shape,
          vector,
          1e-5,
        );
        const label = `[${shape}] skip ${withSkip}`;
        bitsEqual(y, want.y, `${label} y`);
        bitsEqual(xhat, want.xhat, `${label} x̂`);
        bitsEqual(rstd, want.rstd, `${label} rstd`);
        const [dx, dGamma, dBeta] = tf.engine().runKernel(NORM_GRAD_KERNEL, {
          dy,
          xhat,
          rstd,
          gamma,
        }) as tf.Tensor[];
        const grad = referenceNormGrad(
          data(dy),
          data(xhat),
          data(rstd),
          data(gamma),
          shape,
          vector,
        );
        bitsEqual(dx, grad.dx, `${label} dx`);
        bitsEqual(dGamma, grad.dGamma, `${label} dγ`);
        bitsEqual(dBeta, grad.dBeta, `${label} dβ`);
      }
    });
  });
});

Deno.test("wasm GLU and bias-activation gradients equal the float64 JavaScript reference bit for bit", async () => {
  await initBackend("wasm");
  LAYOUTS.forEach(({ x: shape, vector }, i) => {
    tf.tidy(() => {
      const n = shape.at(-1)!;
      const dy = seededTensor(shape, 60 + i);
      const value = seededTensor(shape, 70 + i);
      const gate = tf.sigmoid(seededTensor(shape, 80 + i));
      const y = tf.elu(seededTensor(shape, 90 + i));
      const mask = tf.mul(
        tf.cast(tf.greater(seededTensor(shape, 100 + i), -0.5), "float32"),
        1 / 0.7,
      );
      const [d, v, s] = [dy, value, gate].map(data);
      const rows = d.length / n;
      const size = vector.reduce((a, b) => a * b, 1);

      const [dValue, dGate, dValueBias, dGateBias] = tf.engine().runKernel(GLU_GRAD_KERNEL, {
        dy,
        value,
        gate,
      }, { biasShape: vector }) as tf.Tensor[];
      const want = { dv: new Float32Array(d.length), dg: new Float32Array(d.length) };
      const sums = { dv: new Float64Array(size), dg: new Float64Array(size) };
      for (let r = 0; r < rows; r++) {
        const gi = group(r, rows, vector, n);
        for (let j = 0; j < n; j++) {
          const k = r * n + j;
          const dv = d[k] * s[k];
          const dg = d[k] * v[k] * s[k] * (1 - s[k]);
          [want.dv[k], want.dg[k]] = [dv, dg];
          sums.dv[gi + j] += dv;
          sums.dg[gi + j] += dg;
        }
      }
      bitsEqual(dValue, want.dv, `[${shape}] GLU dValue`);
      bitsEqual(dGate, want.dg, `[${shape}] GLU dGate`);
      bitsEqual(dValueBias, Float32Array.from(sums.dv), `[${shape}] GLU dValueBias`);
      bitsEqual(dGateBias, Float32Array.from(sums.dg), `[${shape}] GLU dGateBias`);

      for (const elu of [false, true]) {
        for (const masked of [false, true]) {
          const inputs: tf.NamedTensorMap = {
            dy,
            ...(elu ? { y } : {}),
            ...(masked ? { mask } : {}),
          };
          const [dx, db] = tf.engine().runKernel(BIAS_ACT_GRAD_KERNEL, inputs, {
            elu,
            biasShape: vector,
          }) as tf.Tensor[];
          const [yv, m] = [data(y), data(mask)];
          const wantDx = new Float32Array(d.length);
          const sum = new Float64Array(size);
          for (let r = 0; r < rows; r++) {
            const gi = group(r, rows, vector, n);
            for (let j = 0; j < n; j++) {
              const k = r * n + j;
              let g = masked ? d[k] * m[k] : d[k];
              if (elu && yv[k] < 0) g *= yv[k] + 1;
              wantDx[k] = g;
              sum[gi + j] += g;
            }
          }
          const label = `[${shape}] bias-act elu ${elu} mask ${masked}`;
          bitsEqual(dx, wantDx, `${label} dx`);
          bitsEqual(db, Float32Array.from(sum), `${label} db`);
        }
      }
    });
  });
});

Deno.test("a row kernel call with an unknown name or the wrong tensors says what it takes", async () => {
  await initBackend("wasm");
  const backend = tf.backend() as unknown as WasmBackend;
  const x = tf.zeros([2, 3]);
  const layout = { rows: 2, n: 3, perGroup: 2 };
  assert.throws(
    () => runRowKernel(backend, { kernel: "normSideways", tensors: [x], ...layout }),
    /no such kernel \(normForward, normForwardSkip, normBackward/,
  );
  assert.throws(
    () => runRowKernel(backend, { kernel: "gluBackward", tensors: [x, x], ...layout }),
    /takes 7 tensors \(dy, value, gate, dValue, dGate, dValueBias, dGateBias\), got 2/,
  );
  x.dispose();
});
