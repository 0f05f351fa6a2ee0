/**
 * The fused ops' layer norm (`norm_kernels.ts`) as one wasm-backend kernel per direction,
 * computed in JavaScript on the wasm heap. As tfjs ops the forward (with the residual add
 * before it) is 10 kernels and the backward 12, on tensors of a few hundred values where
 * each kernel's dispatch costs more than its arithmetic. Sums are accumulated in float64
 * (tfjs's reductions sum in float32, so values differ in the last bits; tests bound it).
 *
 * Rows are the last axis; γ and β hold G groups of n values ([n] or [V, 1, n]) and the
 * rows split into G equal consecutive blocks (the stacked [V, N, n] layout), block g
 * normalised with group g.
 */
import * as tf from "@tensorflow/tfjs";
import { floatIndex as at, type WasmBackend } from "../wasm_heap.ts";

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
    const heap = wasm.wasm.HEAPF32;
    const [xi, gi, bi, yi, hi, ri] = at(wasm, x!, gamma!, beta!, y, xhat, rstd);
    const si = skip ? at(wasm, skip)[0] : -1;
    const row = new Float64Array(n);
    for (let r = 0; r < rows; r++) {
      const base = r * n;
      let sum = 0;
      for (let j = 0; j < n; j++) {
        const v = skip ? heap[xi + base + j] + heap[si + base + j] : heap[xi + base + j];
        row[j] = v;
        sum += v;
      }
      const mean = sum / n;
      let squares = 0;
      for (let j = 0; j < n; j++) squares += (row[j] - mean) ** 2;
      const s = 1 / Math.sqrt(squares / n + epsilon);
      heap[ri + r] = s;
      const g = ((r / perGroup) | 0) * n;
      for (let j = 0; j < n; j++) {
        const h = (row[j] - mean) * s;
        heap[hi + base + j] = h;
        heap[yi + base + j] = h * heap[gi + g + j] + heap[bi + g + j];
      }
    }
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
    const heap = wasm.wasm.HEAPF32;
    const [di, hi, ri, gi, xi, dgi, dbi] = at(wasm, dy, xhat, rstd, gamma, dx, dGamma, dBeta);
    const sumGamma = new Float64Array(rows / perGroup * n);
    const sumBeta = new Float64Array(rows / perGroup * n);
    for (let r = 0; r < rows; r++) {
      const d = di + r * n;
      const h = hi + r * n;
      const g = ((r / perGroup) | 0) * n;
      let sumG = 0;
      let sumGH = 0;
      for (let j = 0; j < n; j++) {
        const dyj = heap[d + j];
        const gj = dyj * heap[gi + g + j];
        sumG += gj;
        sumGH += gj * heap[h + j];
        sumGamma[g + j] += dyj * heap[h + j];
        sumBeta[g + j] += dyj;
      }
      const meanG = sumG / n;
      const meanGH = sumGH / n;
      const s = heap[ri + r];
      for (let j = 0; j < n; j++) {
        const gj = heap[d + j] * heap[gi + g + j];
        heap[xi + r * n + j] = s * (gj - meanG - heap[h + j] * meanGH);
      }
    }
    heap.set(sumGamma, dgi);
    heap.set(sumBeta, dbi);
    return [dx, dGamma, dBeta];
  },
});
