/**
 * The wasm `BatchMatMul` and `_FusedMatMul` kernels are 10–20× slower when `transposeA` or
 * `transposeB` is set, and every backward pass sets them. This re-registers both kernels so
 * that they transpose the flagged operand first (with the wasm `Transpose` kernel) and then
 * take the fast, untransposed path. Results are identical; training roughly doubles in speed.
 *
 * A single `BatchMatMul` product may also be turned around: C = op(A)·op(B) computed as
 * Cᵀ = op(B)ᵀ·op(A)ᵀ, transposed back. XNNPACK packs the right operand into a fresh buffer
 * on every call (~9 ns an element here, against ~0.5–3 for a SIMD transpose), so a weight
 * gradient Xᵀ·dY, whose right operand dY is [rows, out] and large, is cheaper with X on the
 * right: 27 → 15 ms for the CLS Transformer's [3904, 128]ᵀ·[3904, 384]. {@link orientation}
 * weighs the two. Only products with a transposed left operand are turned: those are the
 * gradients of a kernel, whose operands are both fresh activations; a right operand that
 * persists (a layer's kernel at inference) keeps the packing XNNPACK caches for it. XNNPACK
 * sums each output over k in order either way, so the results are bit-identical
 * (tests/models/tf/wasm_matmul_orientation_test.ts).
 *
 * A transposed a that the batched kernel's SIMD route reads strided itself
 * (`wasm_batched_matmul.ts`: `takesTransposedA`) is passed on untouched, saving the copy
 * (2.1 ms for an attention's [512, 61, 61] probabilities), with the same results.
 */
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { takesTransposedA } from "./wasm_batched_matmul.ts";

type KernelArgs = Parameters<tf.KernelFunc>[0];
type Backend = KernelArgs["backend"] & { disposeData(dataId: tf.DataId): boolean };

/** Cost of packing one element of a right operand, in units of transposing one element. */
export const PACK_COST = 6;

export type Orientation = "direct" | "turned";

/**
 * Which way to compute op(A)[m, k] · op(B)[k, n]: directly (transpose the flagged operands,
 * pack op(B)) or turned around (transpose the unflagged ones, pack op(A)ᵀ, transpose the
 * [n, m] result back), whichever moves fewer weighted elements.
 */
export function orientation(
  dims: { m: number; k: number; n: number },
  transposeA: boolean,
  transposeB: boolean,
): Orientation {
  const { m, k, n } = dims;
  const direct = PACK_COST * k * n + (transposeA ? m * k : 0) + (transposeB ? k * n : 0);
  const turned = PACK_COST * m * k + (transposeA ? 0 : m * k) + (transposeB ? 0 : k * n) + m * n;
  return turned < direct ? "turned" : "direct";
}

let turning = true;

/** Runs `body` with turning off (tests and benchmarks comparing the two orientations). */
export function withoutTurning<T>(body: () => T): T {
  const before = turning;
  turning = false;
  try {
    return body();
  } finally {
    turning = before;
  }
}

function swapLastTwo(rank: number): number[] {
  const perm = Array.from({ length: rank }, (_, i) => i);
  [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1], perm[rank - 2]];
  return perm;
}

interface Kernels {
  original: tf.KernelFunc;
  /** The registered config, read at each call (a test may spy on its `kernelFunc`). */
  transpose: tf.KernelConfig;
}

function kernelsFor(kernelName: string): Kernels {
  const original = tf.getKernel(kernelName, "wasm");
  if (!original) throw new Error(`wasm kernel ${kernelName} is not registered`);
  const transpose = tf.getKernel("Transpose", "wasm");
  if (!transpose) throw new Error("wasm kernel Transpose is not registered");
  return { original: original.kernelFunc, transpose };
}

/** A product of one matrix by one matrix (no batch beyond size 1) in float32. */
function singleProduct(a: tf.TensorInfo, b: tf.TensorInfo): boolean {
  const batch = (x: tf.TensorInfo) => tf.util.sizeFromShape(x.shape.slice(0, -2));
  return a.dtype === "float32" && b.dtype === "float32" && batch(a) === 1 && batch(b) === 1;
}

/**
 * `turnable`: single products may be computed turned. `keepsTransposedA(a, b)`: the wrapped
 * kernel computes aᵀ · b itself for these operands (b already untransposed), so a is passed
 * on with `transposeA` set instead of transposed.
 */
function wrap(
  kernelName: string,
  turnable: boolean,
  keepsTransposedA: (a: tf.TensorInfo, b: tf.TensorInfo) => boolean = () => false,
): tf.KernelFunc {
  const { original, transpose } = kernelsFor(kernelName);
  return (args: KernelArgs) => {
    const attrs = args.attrs as { transposeA: boolean; transposeB: boolean };
    const inputs = { ...args.inputs } as Record<string, tf.TensorInfo>;
    const { a, b } = inputs;
    const backend = args.backend as Backend;
    const temporaries: tf.TensorInfo[] = [];
    const transposed = (x: tf.TensorInfo) => {
      const t = transpose.kernelFunc({
        inputs: { x },
        backend,
        attrs: { perm: swapLastTwo(x.shape.length) },
      }) as tf.TensorInfo;
      temporaries.push(t);
      return t;
    };
    const ar = a.shape.length;
    const [m, k] = attrs.transposeA ? [a.shape[ar - 1], a.shape[ar - 2]] : a.shape.slice(-2);
    const n = attrs.transposeB ? b.shape[b.shape.length - 2] : b.shape[b.shape.length - 1];
    const turn = turnable && turning && attrs.transposeA && singleProduct(a, b) &&
      orientation({ m, k, n }, attrs.transposeA, attrs.transposeB) === "turned";
    const plain = { ...args.attrs, transposeA: false, transposeB: false };
    try {
      if (turn) {
        // Cᵀ = op(B)ᵀ · op(A)ᵀ: a flagged operand is already stored that way round.
        const left = attrs.transposeB ? b : transposed(b);
        const right = attrs.transposeA ? a : transposed(a);
        const resultT = original({ ...args, inputs: { a: left, b: right }, attrs: plain });
        temporaries.push(resultT as tf.TensorInfo);
        const result = transpose.kernelFunc({
          inputs: { x: resultT as tf.TensorInfo },
          backend,
          attrs: { perm: swapLastTwo((resultT as tf.TensorInfo).shape.length) },
        });
        return result;
      }
      if (!attrs.transposeA && !attrs.transposeB) return original(args);
      if (attrs.transposeB) inputs.b = transposed(b);
      const keepA = attrs.transposeA && keepsTransposedA(a, inputs.b);
      if (attrs.transposeA && !keepA) inputs.a = transposed(a);
      return original({ ...args, inputs, attrs: { ...plain, transposeA: keepA } });
    } finally {
      for (const t of temporaries) backend.disposeData(t.dataId);
    }
  };
}

let patched = false;

/** Must run before the wasm backend is first initialised, so its setup functions run once. */
export function patchWasmTransposedMatMul(): void {
  if (patched) return;
  const wrapped = {
    BatchMatMul: wrap("BatchMatMul", true, takesTransposedA),
    _FusedMatMul: wrap("_FusedMatMul", false),
  };
  for (const [kernelName, kernelFunc] of Object.entries(wrapped)) {
    const config = tf.getKernel(kernelName, "wasm")!;
    tf.unregisterKernel(kernelName, "wasm");
    tf.registerKernel({ ...config, kernelFunc });
  }
  patched = true;
}
