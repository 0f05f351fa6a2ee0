/**
 * The window layer norm's two implementations (`models/mixer/window_norm.ts`): the wasm
 * kernels (`window_norm_wasm.ts`, JavaScript on the heap, float64 sums) against the tfjs ops
 * other backends run (here on tfjs's CPU backend), forward and backward, within 1e-5 relative
 * on float32; and against a float64 reference of the formula.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../../models/tf/backend.ts";
import { SeededRandom } from "../../../models/tf/rng.ts";
import {
  WINDOW_NORM_EPSILON,
  windowNormBackward,
  windowNormForward,
} from "../../../models/mixer/window_norm.ts";

const [ROWS, N] = [6, 40];

function values(size: number, seed: number, scale = 1, shift = 0): Float32Array {
  const rng = new SeededRandom(seed);
  return Float32Array.from({ length: size }, () => shift + scale * rng.normal());
}

const inputs = {
  x: values(ROWS * N, 1, 3, 0.5),
  gamma: values(N, 2, 0.2, 1),
  beta: values(N, 3, 0.1),
  dy: values(ROWS * N, 4),
};

/** Forward and backward outputs on the active backend, as plain arrays. */
function run(): Record<string, Float32Array> {
  return tf.tidy(() => {
    const x = tf.tensor2d(inputs.x, [ROWS, N]);
    const [gamma, beta] = [tf.tensor1d(inputs.gamma), tf.tensor1d(inputs.beta)];
    const forward = windowNormForward(x, gamma, beta);
    const backward = windowNormBackward(tf.tensor2d(inputs.dy, [ROWS, N]), forward.state, gamma);
    const out: Record<string, tf.Tensor> = {
      y: forward.y,
      xhat: forward.state.xhat,
      rstd: forward.state.rstd,
      ...backward,
    };
    return Object.fromEntries(
      Object.entries(out).map(([k, t]) => [k, t.dataSync() as Float32Array]),
    );
  });
}

function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string) {
  assert.equal(actual.length, expected.length, what);
  const scale = Math.max(...Array.from(expected, Math.abs), 1e-12);
  for (let i = 0; i < actual.length; i++) {
    const error = Math.abs(actual[i] - expected[i]) / scale;
    assert.ok(error <= 1e-5, `${what}[${i}]: ${actual[i]} against ${expected[i]}`);
  }
}

/** y and dx of the formula in float64, row by row. */
function reference() {
  const y = new Float64Array(ROWS * N);
  const dx = new Float64Array(ROWS * N);
  for (let r = 0; r < ROWS; r++) {
    const row = Array.from(inputs.x.subarray(r * N, (r + 1) * N));
    const mean = row.reduce((a, b) => a + b, 0) / N;
    const rstd = 1 /
      Math.sqrt(row.reduce((a, v) => a + (v - mean) ** 2, 0) / N + WINDOW_NORM_EPSILON);
    const xhat = row.map((v) => (v - mean) * rstd);
    const g = xhat.map((_, j) => inputs.dy[r * N + j] * inputs.gamma[j]);
    const meanG = g.reduce((a, b) => a + b, 0) / N;
    const meanGX = g.reduce((a, v, j) => a + v * xhat[j], 0) / N;
    xhat.forEach((h, j) => {
      y[r * N + j] = h * inputs.gamma[j] + inputs.beta[j];
      dx[r * N + j] = rstd * (g[j] - meanG - h * meanGX);
    });
  }
  return { y, dx };
}

Deno.test("window norm: the wasm kernels equal the tfjs ops and the float64 formula", async () => {
  await initBackend("wasm");
  const before = tf.memory().numTensors;
  const wasm = run();
  assert.equal(tf.memory().numTensors, before, "the wasm kernels leaked a tensor");
  await tf.setBackend("cpu");
  try {
    const ops = run();
    for (const name of Object.keys(ops)) assertClose(wasm[name], ops[name], name);
  } finally {
    await tf.setBackend("wasm");
  }
  const { y, dx } = reference();
  assertClose(wasm.y, y, "y against float64");
  assertClose(wasm.dx, dx, "dx against float64");
});
