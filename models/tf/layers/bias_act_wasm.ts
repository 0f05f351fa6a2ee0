/**
 * The fused GRN's bias-and-activation steps (`bias_act.ts`) as one wasm-backend kernel per
 * direction on the wasm heap (forward in JavaScript, backward by the float64 row loops of
 * `../wasm_simd/rows.ts`): y = act(x + b) ⊙ m (act ELU or identity, m an
 * optional dropout mask), and backward dx = dy ⊙ m · act'(y) with db its sum over the rows
 * (float64). As tfjs ops each direction is two or three kernels on tensors of a few hundred
 * values, where dispatch costs more than the arithmetic. Layout as `norm_wasm.ts`: rows
 * over the last axis, biases [n] or [V, 1, n] for V equal consecutive blocks of rows.
 */
import * as tf from "@tensorflow/tfjs";
import { floatIndex as at, type WasmBackend } from "../wasm_heap.ts";
import { biasActBackwardName, runRowKernel } from "../wasm_simd/rows.ts";
import { layout } from "./norm_wasm.ts";

export const BIAS_ACT_KERNEL = "FinfusionBiasAct";
export const BIAS_ACT_GRAD_KERNEL = "FinfusionBiasActGrad";

/** x [..., n], bias, mask? (x's shape); attrs: elu → y (x's shape). */
tf.registerKernel({
  kernelName: BIAS_ACT_KERNEL,
  backendName: "wasm",
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { x, bias, mask } = inputs as Record<string, tf.TensorInfo | undefined>;
    const elu = (attrs as { elu: boolean }).elu;
    const wasm = backend as unknown as WasmBackend;
    const { n, rows, perGroup } = layout(x!, bias!);
    const y = wasm.makeOutput(x!.shape, "float32");
    const heap = wasm.wasm.HEAPF32;
    const [xi, bi, yi] = at(wasm, x!, bias!, y);
    const mi = mask ? at(wasm, mask)[0] : -1;
    for (let r = 0; r < rows; r++) {
      const base = r * n;
      const g = ((r / perGroup) | 0) * n;
      for (let j = 0; j < n; j++) {
        let v = heap[xi + base + j] + heap[bi + g + j];
        if (elu && v < 0) v = Math.expm1(v);
        heap[yi + base + j] = mi < 0 ? v : v * heap[mi + base + j];
      }
    }
    return y;
  },
});

/** dy [..., n], y? (ELU's output), mask?; attrs: elu, biasShape → dx (dy's shape), db. */
tf.registerKernel({
  kernelName: BIAS_ACT_GRAD_KERNEL,
  backendName: "wasm",
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { dy, y, mask } = inputs as Record<string, tf.TensorInfo | undefined>;
    const { elu, biasShape } = attrs as unknown as { elu: boolean; biasShape: number[] };
    const wasm = backend as unknown as WasmBackend;
    const { n, rows, perGroup } = layout(dy!, { shape: biasShape } as tf.TensorInfo);
    const dx = wasm.makeOutput(dy!.shape, "float32");
    const db = wasm.makeOutput(biasShape, "float32");
    runRowKernel(wasm, {
      kernel: biasActBackwardName(elu, mask !== undefined),
      // Absent y or mask: dy stands in (the chosen kernel never reads it).
      tensors: [dy!, y ?? dy!, mask ?? dy!, dx, db],
      rows,
      n,
      perGroup,
    });
    return [dx, db];
  },
});
