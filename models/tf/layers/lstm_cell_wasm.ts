/**
 * One LSTM step's elementwise work (`lstm_sequence_wasm.ts`) as one wasm-backend kernel per
 * direction, in JavaScript on the wasm heap: as tfjs ops the forward cell is 9 kernels and
 * its backward 8, on [B, 4H] tensors of a few hundred values where each kernel's dispatch
 * costs more than its arithmetic. The recurrent products stay tfjs matmuls. Activations are
 * computed in float64 and stored in float32 (tfjs's differ in the last bits; tests bound it).
 *
 * Gates follow torch (i, f, g, o): c' = σ(f)·c + σ(i)·tanh(g), h' = σ(o)·tanh(c').
 */
import * as tf from "@tensorflow/tfjs";
import { floatIndex as at, type WasmBackend } from "../wasm_heap.ts";

export const LSTM_CELL_KERNEL = "FinfusionLstmCell";
export const LSTM_CELL_GRAD_KERNEL = "FinfusionLstmCellGrad";

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * projected, recurrent [B, 4H] (the step's x·W + b and h·U), c [B, H] → h', c' [B, H], the
 * activated gates [B, 4H] (σ(i), σ(f), tanh(g), σ(o)) and tanh(c') [B, H].
 */
tf.registerKernel({
  kernelName: LSTM_CELL_KERNEL,
  backendName: "wasm",
  kernelFunc: ({ inputs, backend }) => {
    const { projected, recurrent, c } = inputs as Record<string, tf.TensorInfo>;
    const wasm = backend as unknown as WasmBackend;
    const [batch, hidden] = c.shape;
    const h = wasm.makeOutput([batch, hidden], "float32");
    const cNext = wasm.makeOutput([batch, hidden], "float32");
    const gates = wasm.makeOutput([batch, 4 * hidden], "float32");
    const tanhC = wasm.makeOutput([batch, hidden], "float32");
    const heap = wasm.wasm.HEAPF32;
    const [pi, ui, ci, hi, ni, gi, ti] = at(wasm, projected, recurrent, c, h, cNext, gates, tanhC);
    for (let b = 0; b < batch; b++) {
      const z = b * 4 * hidden;
      const s = b * hidden;
      for (let j = 0; j < hidden; j++) {
        const p = pi + z + j;
        const u = ui + z + j;
        const i = sigmoid(heap[p] + heap[u]);
        const f = sigmoid(heap[p + hidden] + heap[u + hidden]);
        const g = Math.tanh(heap[p + 2 * hidden] + heap[u + 2 * hidden]);
        const o = sigmoid(heap[p + 3 * hidden] + heap[u + 3 * hidden]);
        const cell = f * heap[ci + s + j] + i * g;
        const tc = Math.tanh(cell);
        heap[ni + s + j] = cell;
        heap[ti + s + j] = tc;
        heap[hi + s + j] = o * tc;
        heap[gi + z + j] = i;
        heap[gi + z + hidden + j] = f;
        heap[gi + z + 2 * hidden + j] = g;
        heap[gi + z + 3 * hidden + j] = o;
      }
    }
    return [h, cNext, gates, tanhC];
  },
});

/**
 * dy [B, H] (the output's gradient), dhNext [B, H] (the recurrent one; absent at the last
 * step), dc [B, H] (gradient reaching c'),
 * the step's gates [B, 4H], tanh(c') and the previous cell state [B, H] → dz [B, 4H] (the
 * gradient of the gates' pre-activations) and the gradient of the previous cell state.
 */
tf.registerKernel({
  kernelName: LSTM_CELL_GRAD_KERNEL,
  backendName: "wasm",
  kernelFunc: ({ inputs, backend }) => {
    const { dy, dhNext, dc, gates, tanhC, cPrev } = inputs as Record<string, tf.TensorInfo>;
    const wasm = backend as unknown as WasmBackend;
    const [batch, hidden] = dy.shape;
    const dz = wasm.makeOutput([batch, 4 * hidden], "float32");
    const dcPrev = wasm.makeOutput([batch, hidden], "float32");
    const heap = wasm.wasm.HEAPF32;
    const [yi, ci, gi, ti, pi, zi, di] = at(wasm, dy, dc, gates, tanhC, cPrev, dz, dcPrev);
    const ni = dhNext ? at(wasm, dhNext)[0] : -1;
    for (let b = 0; b < batch; b++) {
      const z = b * 4 * hidden;
      const s = b * hidden;
      for (let j = 0; j < hidden; j++) {
        const k = gi + z + j;
        const i = heap[k];
        const f = heap[k + hidden];
        const g = heap[k + 2 * hidden];
        const o = heap[k + 3 * hidden];
        const dH = ni < 0 ? heap[yi + s + j] : heap[yi + s + j] + heap[ni + s + j];
        const tc = heap[ti + s + j];
        const dC = heap[ci + s + j] + dH * o * (1 - tc * tc);
        heap[zi + z + j] = dC * g * i * (1 - i);
        heap[zi + z + hidden + j] = dC * heap[pi + s + j] * f * (1 - f);
        heap[zi + z + 2 * hidden + j] = dC * i * (1 - g * g);
        heap[zi + z + 3 * hidden + j] = dH * tc * o * (1 - o);
        heap[di + s + j] = dC * f;
      }
    }
    return [dz, dcPrev];
  },
});
