/**
 * The selective scan against a float64 reference loop (the recurrence as written in
 * `selective_scan_ref`), forward and gradients, for both the sequential and the parallel
 * (Hillis–Steele) form; an overflow case; and recurrent inference against the full scan.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../../models/tf/backend.ts";
import { SeededRandom } from "../../../models/tf/rng.ts";
import {
  type ScanInputs,
  selectiveScan,
  selectiveStep,
} from "../../../models/mamba/selective_scan.ts";

await initBackend("wasm");

const [BATCH, LENGTH, WIDTH, STATE] = [2, 7, 3, 4];
const rng = new SeededRandom(11);

/** Plain arrays of one example's inputs, float64. */
interface Raw {
  u: Float64Array;
  delta: Float64Array;
  a: Float64Array;
  b: Float64Array;
  c: Float64Array;
  d: Float64Array;
}

function makeRaw(length = LENGTH): Raw {
  const fill = (n: number, f: () => number) => Float64Array.from({ length: n }, f);
  return {
    u: fill(BATCH * length * WIDTH, () => rng.normal()),
    // softplus of a normal: positive step sizes around 0.7
    delta: fill(BATCH * length * WIDTH, () => Math.log1p(Math.exp(rng.normal() * 0.5))),
    a: fill(WIDTH * STATE, () => -Math.exp(rng.normal() * 0.5)),
    b: fill(BATCH * length * STATE, () => rng.normal()),
    c: fill(BATCH * length * STATE, () => rng.normal()),
    d: fill(WIDTH, () => rng.normal()),
  };
}

/** The reference loop in float64: y [batch, L, D]. */
function reference(x: Raw, length = LENGTH): Float64Array {
  const y = new Float64Array(BATCH * length * WIDTH);
  for (let i = 0; i < BATCH; i++) {
    const h = new Float64Array(WIDTH * STATE);
    for (let t = 0; t < length; t++) {
      for (let k = 0; k < WIDTH; k++) {
        const at = (i * length + t) * WIDTH + k;
        let out = x.d[k] * x.u[at];
        for (let n = 0; n < STATE; n++) {
          const bn = x.b[(i * length + t) * STATE + n];
          const cn = x.c[(i * length + t) * STATE + n];
          const hk = k * STATE + n;
          h[hk] = Math.exp(x.delta[at] * x.a[hk]) * h[hk] + x.delta[at] * x.u[at] * bn;
          out += h[hk] * cn;
        }
        y[at] = out;
      }
    }
  }
  return y;
}

function tensors(x: Raw, length = LENGTH): ScanInputs {
  return {
    u: tf.tensor3d(Float32Array.from(x.u), [BATCH, length, WIDTH]),
    delta: tf.tensor3d(Float32Array.from(x.delta), [BATCH, length, WIDTH]),
    a: tf.tensor2d(Float32Array.from(x.a), [WIDTH, STATE]),
    b: tf.tensor3d(Float32Array.from(x.b), [BATCH, length, STATE]),
    c: tf.tensor3d(Float32Array.from(x.c), [BATCH, length, STATE]),
    d: tf.tensor1d(Float32Array.from(x.d)),
  };
}

function assertClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tol: number,
  label: string,
) {
  assert.equal(actual.length, expected.length, `${label}: length`);
  let scale = 1;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]));
  for (let i = 0; i < expected.length; i++) {
    assert.ok(
      Math.abs(actual[i] - expected[i]) <= tol * scale,
      `${label}[${i}]: ${actual[i]} vs ${expected[i]}`,
    );
  }
}

const KEYS = ["u", "delta", "a", "b", "c", "d"] as const;

Deno.test("selective scan: sequential and parallel forward equal the float64 reference", () => {
  const raw = makeRaw();
  const expected = reference(raw);
  for (const mode of ["sequential", "parallel"] as const) {
    const inputs = tensors(raw);
    const y = selectiveScan(inputs, mode);
    assert.deepEqual(y.shape, [BATCH, LENGTH, WIDTH]);
    assertClose(y.dataSync(), expected, 2e-5, mode);
    tf.dispose([y, ...Object.values(inputs)]);
  }
});

Deno.test("selective scan: gradients of both forms equal float64 finite differences", () => {
  const raw = makeRaw();
  const weights = Float64Array.from({ length: BATCH * LENGTH * WIDTH }, () => rng.normal());
  const loss = (x: Raw) => reference(x).reduce((s, v, i) => s + v * weights[i], 0);
  // Central differences of the float64 reference, per input element.
  const numeric = Object.fromEntries(KEYS.map((key) => {
    const grad = new Float64Array(raw[key].length);
    for (let i = 0; i < grad.length; i++) {
      const eps = 1e-6;
      const plus = { ...raw, [key]: raw[key].slice() };
      plus[key][i] += eps;
      const minus = { ...raw, [key]: raw[key].slice() };
      minus[key][i] -= eps;
      grad[i] = (loss(plus) - loss(minus)) / (2 * eps);
    }
    return [key, grad];
  })) as Record<(typeof KEYS)[number], Float64Array>;
  const r = tf.tensor3d(Float32Array.from(weights), [BATCH, LENGTH, WIDTH]);
  for (const mode of ["sequential", "parallel"] as const) {
    const inputs = tensors(raw);
    const f = (...xs: tf.Tensor[]) => {
      const [u, delta, a, b, c, d] = xs;
      const y = selectiveScan({ u, delta, a, b, c, d } as ScanInputs, mode);
      return tf.sum(tf.mul(y, r));
    };
    const grads = tf.grads(f)(KEYS.map((key) => inputs[key]));
    KEYS.forEach((key, i) =>
      assertClose(grads[i].dataSync(), numeric[key], 5e-4, `${mode} d/d${key}`)
    );
    tf.dispose([...grads, ...Object.values(inputs)]);
  }
  r.dispose();
});

Deno.test("selective scan: no overflow where the log-space form overflows (Δ = 1, A = −16, L = 60)", () => {
  const length = 60;
  const raw = makeRaw(length);
  raw.delta.fill(1);
  raw.a.fill(-16);
  // The log-space form would evaluate exp(−ΣΔA) = exp(16·60) = exp(960): Infinity in float32.
  assert.equal(Math.fround(Math.exp(16 * 60)), Infinity);
  const expected = reference(raw, length);
  for (const mode of ["sequential", "parallel"] as const) {
    const inputs = tensors(raw, length);
    const y = selectiveScan(inputs, mode).dataSync();
    assert.ok(y.every(Number.isFinite), `${mode}: every output finite`);
    assertClose(y, expected, 2e-5, mode);
    tf.dispose(Object.values(inputs));
  }
});

Deno.test("selective step: recurrent inference bar by bar equals the full scan", () => {
  const raw = makeRaw();
  const inputs = tensors(raw);
  const full = selectiveScan(inputs, "parallel").arraySync() as number[][][];
  let state = tf.zeros([BATCH, WIDTH, STATE]) as tf.Tensor3D;
  for (let t = 0; t < LENGTH; t++) {
    const at = (x: tf.Tensor3D) => tf.squeeze(x.slice([0, t, 0], [-1, 1, -1]), [1]) as tf.Tensor2D;
    const bar = {
      u: at(inputs.u),
      delta: at(inputs.delta),
      a: inputs.a,
      b: at(inputs.b),
      c: at(inputs.c),
      d: inputs.d,
    };
    const next = selectiveStep(state, bar);
    const y = next.y.arraySync() as number[][];
    for (let i = 0; i < BATCH; i++) {
      assertClose(y[i], full[i][t], 1e-5, `bar ${t}, example ${i}`);
    }
    tf.dispose([state, next.y, bar.u, bar.delta, bar.b, bar.c]);
    state = next.state;
  }
  tf.dispose([state, ...Object.values(inputs)]);
});

Deno.test("selective scan: no tensor leaks", () => {
  const inputs = tensors(makeRaw());
  const before = tf.memory().numTensors;
  for (const mode of ["sequential", "parallel"] as const) selectiveScan(inputs, mode).dispose();
  assert.equal(tf.memory().numTensors, before);
  tf.dispose(Object.values(inputs));
});
