/**
 * The wasm `Slice` kernel copies its *whole* input out of the wasm heap (`readSync`) before
 * taking the slice, and `Unpack` / `SplitV` call it once per piece: unstacking a [b, T, d]
 * sequence into T steps copies the sequence T times (quadratic in T). In a 3-layer LSTM over
 * 60 steps that single `Unpack` took half of the step time. These replacements read the
 * input through a heap view and copy only the selected elements. Results are identical.
 *
 * Safe to apply after the backend is initialised (the kernels have no wasm setup function);
 * idempotent. Strings fall back to the original kernels.
 */
import * as tf from "@tensorflow/tfjs";
import type { WasmBackend } from "./wasm_heap.ts";
import "@tensorflow/tfjs-backend-wasm";

type KernelArgs = Parameters<tf.KernelFunc>[0];
type TypedArray = Float32Array | Int32Array | Uint8Array;

let patched = false;

/** Copies the box `begin`..`begin+size` of `x` into `out`, innermost rows at a time. */
function copyBox(x: TypedArray, shape: number[], begin: number[], size: number[], out: TypedArray) {
  const rank = shape.length;
  const strides = tf.util.computeStrides(shape);
  if (rank === 0 || tf.slice_util.isSliceContinous(shape, begin, size)) {
    const offset = rank === 0 ? 0 : tf.slice_util.computeFlatOffset(begin, strides);
    out.set(x.subarray(offset, offset + out.length));
    return;
  }
  const run = size[rank - 1];
  const index = new Array(rank - 1).fill(0);
  for (let outOffset = 0; outOffset < out.length; outOffset += run) {
    let offset = begin[rank - 1];
    for (let d = 0; d < rank - 1; d++) offset += (begin[d] + index[d]) * strides[d];
    out.set(x.subarray(offset, offset + run), outOffset);
    for (let d = rank - 2; d >= 0; d--) { // odometer over the outer dimensions
      if (++index[d] < size[d]) break;
      index[d] = 0;
    }
  }
}

function sliceInfo(x: tf.TensorInfo, begin: number[], size: number[], backend: WasmBackend) {
  const out = backend.makeOutput(size, x.dtype);
  if (tf.util.sizeFromShape(size) === 0) return out;
  // Views are taken after makeOutput, which may grow (and so detach) the heap.
  copyBox(backend.typedArrayFromHeap(x), x.shape, begin, size, backend.typedArrayFromHeap(out));
  return out;
}

function slice(args: KernelArgs): tf.TensorInfo {
  const x = args.inputs.x as tf.TensorInfo;
  const attrs = args.attrs as unknown as { begin: number | number[]; size?: number | number[] };
  const [begin, size] = tf.slice_util.parseSliceParams(x as tf.Tensor, attrs.begin, attrs.size);
  return sliceInfo(x, begin, size, args.backend as unknown as WasmBackend);
}

function unpack(args: KernelArgs): tf.TensorInfo[] {
  const value = args.inputs.value as tf.TensorInfo;
  const rank = value.shape.length;
  const axis = tf.util.parseAxisParam((args.attrs as { axis: number }).axis, value.shape)[0];
  const outShape = value.shape.filter((_, i) => i !== axis);
  const size = value.shape.slice();
  size[axis] = 1;
  return Array.from({ length: value.shape[axis] }, (_, i) => {
    const begin = new Array(rank).fill(0);
    begin[axis] = i;
    const out = sliceInfo(value, begin, size, args.backend as unknown as WasmBackend);
    return { ...out, shape: outShape };
  });
}

function splitV(args: KernelArgs): tf.TensorInfo[] {
  const x = args.inputs.x as tf.TensorInfo;
  const attrs = args.attrs as unknown as { numOrSizeSplits: number | number[]; axis: number };
  const axis = tf.util.parseAxisParam(attrs.axis, x.shape)[0];
  const sizes = tf.backend_util.prepareSplitSize(x as tf.Tensor, attrs.numOrSizeSplits, axis);
  const begin = new Array(x.shape.length).fill(0);
  return sizes.map((pieceSize) => {
    const size = x.shape.slice();
    size[axis] = pieceSize;
    const out = sliceInfo(x, [...begin], size, args.backend as unknown as WasmBackend);
    begin[axis] += pieceSize;
    return out;
  });
}

function replace(kernelName: string, inputName: string, kernelFunc: tf.KernelFunc) {
  const original = tf.getKernel(kernelName, "wasm");
  if (!original) throw new Error(`wasm kernel ${kernelName} is not registered`);
  const wrapped: tf.KernelFunc = (args) => {
    const input = args.inputs[inputName] as tf.TensorInfo;
    return input.dtype === "string" ? original.kernelFunc(args) : kernelFunc(args);
  };
  tf.unregisterKernel(kernelName, "wasm");
  tf.registerKernel({ ...original, kernelFunc: wrapped });
}

/** Re-registers wasm `Slice`, `Unpack` and `SplitV` with copies that read only the slice. */
export function patchWasmSlicing(): void {
  if (patched) return;
  replace("Slice", "x", slice);
  replace("Unpack", "value", unpack as unknown as tf.KernelFunc);
  replace("SplitV", "x", splitV as unknown as tf.KernelFunc);
  patched = true;
}

/** Applies {@link patchWasmSlicing} when wasm is the active backend (cheap to call often). */
export function patchWasmSlicingIfActive(): void {
  if (!patched && tf.getBackend() === "wasm") patchWasmSlicing();
}
