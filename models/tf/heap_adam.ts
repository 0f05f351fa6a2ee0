/**
 * {@link FlatAdam}'s step on the wasm backend, in JavaScript on the wasm heap: the
 * gradients are read where the backend keeps them, the global norm, the clipping, the
 * moments and the update run in one loop, and each weight is updated in place. On wasm the
 * tensor form costs ~3 kernels per weight tensor plus ~15 (≈ 420 kernels per TFT step, a
 * sixth of them, each a few microseconds of dispatch whatever its size); this costs none.
 *
 * Tensor data is shared, not copied, by the wasm `Identity`/`Cast` (`wasm_identity_fix.ts`)
 * and `Reshape` kernels, so a weight whose buffer another tensor still holds (a checkpoint's
 * clone) is never written in place: it gets a fresh buffer (`assign`), as the tensor form
 * always does. And the backend caches an XNNPACK operator with a packed copy of a matmul's
 * right operand (a weight) under the tensor's id, dropped only when the id is disposed: a
 * weight written in place has its id disposed and registered again at the same address, so
 * the next product packs the new values. Sums accumulate in float64; moments and weights
 * are stored as float32.
 */
import * as tf from "@tensorflow/tfjs";
import type { WasmBackend } from "./wasm_heap.ts";
import type { FlatRange, GradientGroups } from "./grad_norms.ts";

/** True when the active backend keeps tensors on a wasm heap this module can read. */
export function onWasmHeap(): boolean {
  if (tf.getBackend() !== "wasm") return false;
  const backend = tf.backend() as unknown as Partial<WasmBackend>;
  return backend.wasm?.HEAPF32 instanceof Float32Array && backend.dataIdMap !== undefined;
}

/** Adam's flat state: the moments and a scratch copy of the gradient. */
export interface HeapState {
  m: Float32Array;
  v: Float32Array;
  g: Float32Array;
}

export function heapState(size: number): HeapState {
  return { m: new Float32Array(size), v: new Float32Array(size), g: new Float32Array(size) };
}

/** One step's constants, as {@link FlatAdam} computes them. */
export interface HeapStep {
  beta1: number;
  beta2: number;
  epsilon: number;
  /** lr / (1 − β1ᵗ) */
  stepSize: number;
  /** 1 / √(1 − β2ᵗ) */
  rootCorrection: number;
  /** Decoupled weight decay: weights shrink by (1 − decay) first. */
  decay: number;
  /** Global-norm clipping as torch's clip_grad_norm_; null: none. */
  clipNorm: number | null;
  /** Output/encoder ranges of the flat gradient for the norm-ratio diagnostic. */
  groups: GradientGroups;
}

function view(backend: WasmBackend, tensor: tf.Tensor): Float32Array {
  const start = backend.dataIdMap.get(tensor.dataId).memoryOffset >> 2;
  return backend.wasm.HEAPF32.subarray(start, start + tensor.size);
}

function rangesNorm(g: Float32Array, ranges: FlatRange[]): number {
  let sum = 0;
  for (const { start, size } of ranges) {
    for (let i = start; i < start + size; i++) sum += g[i] * g[i];
  }
  return Math.sqrt(sum);
}

/**
 * Copies the gradients (one per variable, in order; undefined: the loss does not reach it,
 * zero) into the state's flat vector.
 */
export function gatherGradients(
  state: HeapState,
  variables: tf.Variable[],
  grads: Array<tf.Tensor | undefined>,
): void {
  const backend = tf.backend() as unknown as WasmBackend;
  let offset = 0;
  variables.forEach((variable, i) => {
    const grad = grads[i];
    if (grad) state.g.set(view(backend, grad), offset);
    else state.g.fill(0, offset, offset + variable.size);
    offset += variable.size;
  });
}

/**
 * The Adam update from the gathered gradient; returns the output/encoder gradient-norm ratio
 * before clipping (null without groups).
 */
export function heapAdamStep(state: HeapState, variables: tf.Variable[], step: HeapStep) {
  const { m, v, g } = state;
  const ratio = step.groups
    ? rangesNorm(g, step.groups.output) / Math.max(rangesNorm(g, step.groups.encoder), 1e-30)
    : null;
  let scale = 1;
  if (step.clipNorm !== null) {
    const norm = rangesNorm(g, [{ start: 0, size: g.length }]);
    scale = Math.min(step.clipNorm / (norm + 1e-6), 1);
  }
  const { beta1, beta2, epsilon, stepSize, rootCorrection } = step;
  for (let i = 0; i < g.length; i++) {
    const gi = g[i] * scale;
    m[i] = beta1 * m[i] + (1 - beta1) * gi;
    v[i] = beta2 * v[i] + (1 - beta2) * gi * gi;
    g[i] = stepSize * m[i] / (Math.sqrt(v[i]) * rootCorrection + epsilon);
  }
  const backend = tf.backend() as unknown as WasmBackend;
  const keep = 1 - step.decay;
  let offset = 0;
  for (const variable of variables) {
    const shared = backend.dataIdMap.get(variable.dataId).refCount > 1;
    const weights = shared ? Float32Array.from(view(backend, variable)) : view(backend, variable);
    for (let j = 0; j < weights.length; j++) weights[j] = weights[j] * keep - g[offset + j];
    if (shared) {
      const fresh = tf.tensor(weights, variable.shape, "float32");
      variable.assign(fresh);
      fresh.dispose();
    } else {
      const { id, memoryOffset } = backend.dataIdMap.get(variable.dataId);
      backend.wasm.tfjs.disposeData(id); // drops the operators cached on the old values
      backend.wasm.tfjs.registerTensor(id, variable.size, memoryOffset);
    }
    offset += variable.size;
  }
  return ratio;
}
