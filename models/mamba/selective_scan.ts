/**
 * The selective scan of Mamba (Gu & Dao 2023, `selective_scan_ref` in state-spaces/mamba),
 * in TensorFlow.js, two ways:
 *
 *   Ā_t = exp(Δ_t ⊗ A),  B̄u_t = Δ_t·u_t ⊗ B_t,  h_t = Ā_t ⊙ h_{t−1} + B̄u_t,
 *   y_t = ⟨h_t, C_t⟩ + D ⊙ u_t
 *
 * with u, Δ: [batch, L, D]; A: [D, N] (negative: A = −exp(A_log)); B, C: [batch, L, N];
 * D: [D]; h: [batch, D, N], starting at zero.
 *
 * - `sequential`: one step per bar, L steps (the reference loop).
 * - `parallel`: Hillis–Steele over shifted slices. The recurrence h_t = a_t h_{t−1} + b_t
 *   composes associatively, (a₁, b₁) then (a₂, b₂) = (a₁a₂, a₂b₁ + b₂), so ⌈log₂ L⌉ rounds
 *   of "combine with the element 2^r steps back" give every prefix at once. Every factor
 *   a = exp(ΔA) lies in (0, 1] because Δ > 0 and A < 0, so products only shrink: nothing
 *   overflows (the log-space form exp(cumsum ΔA) overflows float32 once |ΣΔA| > 88, and
 *   `tf.cumprod` has no gradient in tfjs). Built from slice, concat, mul and add, so autodiff
 *   gives its gradient.
 *
 * `selectiveStep` advances a carried state by one bar: recurrent inference in O(1) per bar.
 */
import * as tf from "@tensorflow/tfjs";

export interface ScanInputs {
  /** [batch, L, D] */
  u: tf.Tensor3D;
  /** Step sizes after softplus, > 0: [batch, L, D]. */
  delta: tf.Tensor3D;
  /** State matrix, negative: [D, N]. */
  a: tf.Tensor2D;
  /** [batch, L, N] */
  b: tf.Tensor3D;
  /** [batch, L, N] */
  c: tf.Tensor3D;
  /** Skip connection: [D]. */
  d: tf.Tensor1D;
}

export type ScanMode = "sequential" | "parallel";

/** Discretised factors: Ā = exp(Δ ⊗ A) and B̄u = (Δ·u) ⊗ B, both [batch, L, D, N]. */
function discretise({ u, delta, a, b }: ScanInputs): { decay: tf.Tensor4D; drive: tf.Tensor4D } {
  const decay = tf.exp(tf.mul(tf.expandDims(delta, 3), a)) as tf.Tensor4D;
  const drive = tf.mul(tf.expandDims(tf.mul(delta, u), 3), tf.expandDims(b, 2)) as tf.Tensor4D;
  return { decay, drive };
}

/** y = ⟨h, C⟩ over the state axis plus the skip: states [batch, L, D, N] → [batch, L, D]. */
function readOut(states: tf.Tensor4D, { u, c, d }: ScanInputs): tf.Tensor3D {
  return tf.add(tf.sum(tf.mul(states, tf.expandDims(c, 2)), 3), tf.mul(u, d)) as tf.Tensor3D;
}

function sequentialStates(decay: tf.Tensor4D, drive: tf.Tensor4D): tf.Tensor4D {
  const [batch, length, width, state] = decay.shape;
  const decays = tf.unstack(decay, 1);
  const drives = tf.unstack(drive, 1);
  let h: tf.Tensor = tf.zeros([batch, width, state]);
  const states: tf.Tensor[] = [];
  for (let t = 0; t < length; t++) {
    h = tf.add(tf.mul(decays[t], h), drives[t]);
    states.push(h);
  }
  return tf.stack(states, 1) as tf.Tensor4D;
}

/** Hillis–Steele inclusive scan of (a, b) pairs along axis 1. */
function parallelStates(decay: tf.Tensor4D, drive: tf.Tensor4D): tf.Tensor4D {
  const [batch, length, width, state] = decay.shape;
  let a: tf.Tensor4D = decay;
  let b: tf.Tensor4D = drive;
  for (let offset = 1; offset < length; offset *= 2) {
    const keep = length - offset;
    // The element `offset` steps back; the first `offset` rows combine with the identity (1, 0).
    const aBack = tf.concat([tf.ones([batch, offset, width, state]), a.slice(0, [-1, keep])], 1);
    const bBack = tf.concat([tf.zeros([batch, offset, width, state]), b.slice(0, [-1, keep])], 1);
    b = tf.add(tf.mul(a, bBack), b) as tf.Tensor4D;
    a = tf.mul(a, aBack) as tf.Tensor4D;
  }
  return b;
}

/** The selective scan's output y: [batch, L, D]. */
export function selectiveScan(inputs: ScanInputs, mode: ScanMode = "parallel"): tf.Tensor3D {
  return tf.tidy(() => {
    const { decay, drive } = discretise(inputs);
    const states = mode === "parallel"
      ? parallelStates(decay, drive)
      : sequentialStates(decay, drive);
    return readOut(states, inputs);
  });
}

/** One bar of recurrent inference: the new state [batch, D, N] and output [batch, D]. */
export function selectiveStep(
  state: tf.Tensor3D,
  bar: {
    u: tf.Tensor2D;
    delta: tf.Tensor2D;
    a: tf.Tensor2D;
    b: tf.Tensor2D;
    c: tf.Tensor2D;
    d: tf.Tensor1D;
  },
): { state: tf.Tensor3D; y: tf.Tensor2D } {
  return tf.tidy(() => {
    const decay = tf.exp(tf.mul(tf.expandDims(bar.delta, 2), bar.a));
    const drive = tf.mul(tf.expandDims(tf.mul(bar.delta, bar.u), 2), tf.expandDims(bar.b, 1));
    const next = tf.add(tf.mul(decay, state), drive) as tf.Tensor3D;
    const y = tf.add(tf.sum(tf.mul(next, tf.expandDims(bar.c, 1)), 2), tf.mul(bar.u, bar.d));
    return { state: next, y: y as tf.Tensor2D };
  });
}
