/**
 * The elementwise work of the fused ops' gated linear unit (`fused_math.ts`) as one
 * wasm-backend kernel per direction on the wasm heap (forward in JavaScript, backward by the
 * float64 row loops of `../wasm_simd/rows.ts`). Around the two matmuls
 * it is 4 tfjs kernels forward (two bias adds, σ, product) and 7 backward (five elementwise,
 * two bias sums), on tensors of a few hundred values where each kernel's dispatch costs more
 * than its arithmetic. Bias sums are accumulated in float64.
 *
 * Layout as the norm kernel (`norm_wasm.ts`): rows over the last axis, biases [n] or
 * [V, 1, n], the rows in V equal consecutive blocks.
 */
import * as tf from "@tensorflow/tfjs";
import { floatIndex as at, type WasmBackend } from "../wasm_heap.ts";
import { runRowKernel } from "../wasm_simd/rows.ts";
import { layout } from "./norm_wasm.ts";

export const GLU_KERNEL = "FinfusionGlu";
export const GLU_GRAD_KERNEL = "FinfusionGluGrad";

/**
 * value, gate [..., n] (the two products, before their biases), valueBias, gateBias →
 * y = v · σ(g) with v and g biased, v and σ(g) (x's shape).
 */
tf.registerKernel({
  kernelName: GLU_KERNEL,
  backendName: "wasm",
  kernelFunc: ({ inputs, backend }) => {
    const { value, gate, valueBias, gateBias } = inputs as Record<string, tf.TensorInfo>;
    const wasm = backend as unknown as WasmBackend;
    const { n, rows, perGroup } = layout(value, valueBias);
    const y = wasm.makeOutput(value.shape, "float32");
    const v = wasm.makeOutput(value.shape, "float32");
    const s = wasm.makeOutput(value.shape, "float32");
    const heap = wasm.wasm.HEAPF32;
    const [pv, pg, bv, bg, yi, vi, si] = at(wasm, value, gate, valueBias, gateBias, y, v, s);
    for (let r = 0; r < rows; r++) {
      const base = r * n;
      const g = ((r / perGroup) | 0) * n;
      for (let j = 0; j < n; j++) {
        const biased = heap[pv + base + j] + heap[bv + g + j];
        const sigma = 1 / (1 + Math.exp(-(heap[pg + base + j] + heap[bg + g + j])));
        heap[vi + base + j] = biased;
        heap[si + base + j] = sigma;
        heap[yi + base + j] = biased * sigma;
      }
    }
    return [y, v, s];
  },
});

/**
 * dy, value, gate (= σ) [..., n]; attrs: biasShape → dValue = dy·σ, dGate = dy·v·σ(1 − σ)
 * (dy's shape) and their sums over the rows of each group (the biases' gradients).
 */
tf.registerKernel({
  kernelName: GLU_GRAD_KERNEL,
  backendName: "wasm",
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { dy, value, gate } = inputs as Record<string, tf.TensorInfo>;
    const biasShape = (attrs as unknown as { biasShape: number[] }).biasShape;
    const wasm = backend as unknown as WasmBackend;
    const { n, rows, perGroup } = layout(dy, { shape: biasShape } as tf.TensorInfo);
    const dValue = wasm.makeOutput(dy.shape, "float32");
    const dGate = wasm.makeOutput(dy.shape, "float32");
    const dValueBias = wasm.makeOutput(biasShape, "float32");
    const dGateBias = wasm.makeOutput(biasShape, "float32");
    runRowKernel(wasm, {
      kernel: "gluBackward",
      tensors: [dy, value, gate, dValue, dGate, dValueBias, dGateBias],
      rows,
      n,
      perGroup,
    });
    return [dValue, dGate, dValueBias, dGateBias];
  },
});
