/**
 * The window layer norm's forward and backward (`window_norm.ts`) as one wasm-backend kernel
 * each, computed in JavaScript on the wasm heap. As tfjs ops they are ~9 and ~11 kernels on
 * [B, L·C] tensors of a few thousand values, where each kernel's dispatch and its own pass
 * over memory cost more than the arithmetic; here each is two passes over the rows, with
 * sums accumulated in float64 (tfjs's reductions sum in float32, so values differ in the last
 * bits; tests bound it against autodiff of the plain formula).
 */
import * as tf from "@tensorflow/tfjs";
import { floatIndex as at, type WasmBackend } from "../tf/wasm_heap.ts";

export const WINDOW_NORM_KERNEL = "FinfusionWindowNorm";
export const WINDOW_NORM_GRAD_KERNEL = "FinfusionWindowNormGrad";

/** x [B, N], gamma, beta [N] → y, x̂ [B, N] and rstd [B, 1]; attrs: epsilon. */
tf.registerKernel({
  kernelName: WINDOW_NORM_KERNEL,
  backendName: "wasm",
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { x, gamma, beta } = inputs as Record<string, tf.TensorInfo>;
    const epsilon = (attrs as { epsilon: number }).epsilon;
    const wasm = backend as unknown as WasmBackend;
    const [rows, n] = x.shape;
    const y = wasm.makeOutput([rows, n], "float32");
    const xhat = wasm.makeOutput([rows, n], "float32");
    const rstd = wasm.makeOutput([rows, 1], "float32");
    const heap = wasm.wasm.HEAPF32;
    const [xi, gi, bi, yi, hi, ri] = at(wasm, x, gamma, beta, y, xhat, rstd);
    for (let r = 0; r < rows; r++) {
      const row = xi + r * n;
      let sum = 0;
      for (let j = 0; j < n; j++) sum += heap[row + j];
      const mean = sum / n;
      let squares = 0;
      for (let j = 0; j < n; j++) squares += (heap[row + j] - mean) ** 2;
      const s = 1 / Math.sqrt(squares / n + epsilon);
      heap[ri + r] = s;
      for (let j = 0; j < n; j++) {
        const h = (heap[row + j] - mean) * s;
        heap[hi + r * n + j] = h;
        heap[yi + r * n + j] = h * heap[gi + j] + heap[bi + j];
      }
    }
    return [y, xhat, rstd];
  },
});

/** dy, x̂ [B, N], rstd [B, 1], gamma [N] → dx [B, N], dγ and dβ [N]. */
tf.registerKernel({
  kernelName: WINDOW_NORM_GRAD_KERNEL,
  backendName: "wasm",
  kernelFunc: ({ inputs, backend }) => {
    const { dy, xhat, rstd, gamma } = inputs as Record<string, tf.TensorInfo>;
    const wasm = backend as unknown as WasmBackend;
    const [rows, n] = dy.shape;
    const dx = wasm.makeOutput([rows, n], "float32");
    const dGamma = wasm.makeOutput([n], "float32");
    const dBeta = wasm.makeOutput([n], "float32");
    const heap = wasm.wasm.HEAPF32;
    const [di, hi, ri, gi, xi, dgi, dbi] = at(wasm, dy, xhat, rstd, gamma, dx, dGamma, dBeta);
    const sumGamma = new Float64Array(n);
    const sumBeta = new Float64Array(n);
    for (let r = 0; r < rows; r++) {
      const [d, h] = [di + r * n, hi + r * n];
      let sumG = 0;
      let sumGH = 0;
      for (let j = 0; j < n; j++) {
        const g = heap[d + j] * heap[gi + j];
        sumG += g;
        sumGH += g * heap[h + j];
        sumGamma[j] += heap[d + j] * heap[h + j];
        sumBeta[j] += heap[d + j];
      }
      const [meanG, meanGH, s] = [sumG / n, sumGH / n, heap[ri + r]];
      for (let j = 0; j < n; j++) {
        const g = heap[d + j] * heap[gi + j];
        heap[xi + r * n + j] = s * (g - meanG - heap[h + j] * meanGH);
      }
    }
    heap.set(sumGamma, dgi);
    heap.set(sumBeta, dbi);
    return [dx, dGamma, dBeta];
  },
});
