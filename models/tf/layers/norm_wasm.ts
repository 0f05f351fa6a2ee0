/**
 * The fused ops' layer norm (`norm_kernels.ts`) as one wasm-backend kernel per direction,
 * computed on the wasm heap by the float64 row loops of `../wasm_simd/rows.ts`. As tfjs ops
 * the forward (with the residual add before it) is 10 kernels and the backward 12, on tensors
 * of a few hundred values where each kernel's dispatch costs more than its arithmetic. Sums are accumulated in float64
 * (tfjs's reductions sum in float32, so values differ in the last bits; tests bound it).
 *
 * Rows are the last axis; γ and β hold G groups of n values ([n] or [V, 1, n]) and the
 * rows split into G equal consecutive blocks (the stacked [V, N, n] layout), block g
 * normalised with group g.
 */
import * as tf from "@tensorflow/tfjs";
import type { WasmBackend } from "../wasm_heap.ts";
import { runRowKernel } from "../wasm_simd/rows.ts";

export const NORM_KERNEL = "FinfusionAddLayerNorm";
export const NORM_GRAD_KERNEL = "FinfusionAddLayerNormGrad";

/**
 * Above this many values, kernels with an exponential per value (σ, ELU) run as tfjs ops:
 * Math.exp costs ~10 ns in JavaScript against well under 1 ns in wasm's vectorised kernels,
 * so past ~16K values that outweighs the dispatches saved (the daily preset's stacked GRNs).
 */
export const HEAP_EXP_LIMIT = 16384;

/** Rows, row width and rows per group of `x` against per-group vectors like `gamma`. */
export function layout(x: tf.TensorInfo, gamma: tf.TensorInfo) {
  const n = x.shape[x.shape.length - 1];
  const rows = x.shape.slice(0, -1).reduce((a, b) => a * b, 1);
  const groups = gamma.shape.reduce((a, b) => a * b, 1) / n;
  if (!Number.isInteger(groups) || rows % groups !== 0) {
    throw new Error(`wasm kernel: [${x.shape}] does not split over [${gamma.shape}]`);
  }
  return { n, rows, perGroup: rows / groups };
}

/** x (+ skip) [..., n], γ, β → y, x̂ (x's shape) and rstd ([..., 1]); attrs: epsilon. */
tf.registerKernel({
  kernelName: NORM_KERNEL,
  backendName: "wasm",
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { x, skip, gamma, beta } = inputs as Record<string, tf.TensorInfo | undefined>;
    const epsilon = (attrs as { epsilon: number }).epsilon;
    const wasm = backend as unknown as WasmBackend;
    const { n, rows, perGroup } = layout(x!, gamma!);
    const y = wasm.makeOutput(x!.shape, "float32");
    const xhat = wasm.makeOutput(x!.shape, "float32");
    const rstd = wasm.makeOutput([...x!.shape.slice(0, -1), 1], "float32");
    runRowKernel(wasm, {
      kernel: skip ? "normForwardSkip" : "normForward",
      // Without a skip, x stands in for it (normForward never reads it).
      tensors: [x!, skip ?? x!, gamma!, beta!, y, xhat, rstd],
      rows,
      n,
      perGroup,
      epsilon,
    });
    return [y, xhat, rstd];
  },
});

/** dy, x̂ [..., n], rstd [..., 1], γ → dx (dy's shape), dγ and dβ (γ's shape). */
tf.registerKernel({
  kernelName: NORM_GRAD_KERNEL,
  backendName: "wasm",
  kernelFunc: ({ inputs, backend }) => {
    const { dy, xhat, rstd, gamma } = inputs as Record<string, tf.TensorInfo>;
    const wasm = backend as unknown as WasmBackend;
    const { n, rows, perGroup } = layout(dy, gamma);
    const dx = wasm.makeOutput(dy.shape, "float32");
    const dGamma = wasm.makeOutput(gamma.shape, "float32");
    const dBeta = wasm.makeOutput(gamma.shape, "float32");
    runRowKernel(wasm, {
      kernel: "normBackward",
      tensors: [dy, xhat, rstd, gamma, dx, dGamma, dBeta],
      rows,
      n,
      perGroup,
    });
    return [dx, dGamma, dBeta];
  },
});
