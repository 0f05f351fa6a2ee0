/**
 * The private surface of `@tensorflow/tfjs-backend-wasm`'s backend object (pinned in deno.json)
 * that our on-heap kernels read and write, declared once: a version bump checks this file, and
 * `tests/models/tf/wasm_heap_test.ts` checks it against the live backend.
 *
 * Tensors live in one `WebAssembly.Memory`; `dataIdMap` maps a tensor to its byte offset.
 * The heap may grow (and `HEAPF32` be replaced) whenever an output is allocated, so read
 * offsets and views after making every output.
 */
import * as tf from "@tensorflow/tfjs";

export interface WasmModule {
  asm: { memory: WebAssembly.Memory };
  HEAPF32: Float32Array;
  HEAP32: Int32Array;
  _malloc(bytes: number): number;
  _free(at: number): void;
  /** tfjs's own XNNPACK batched product: (a, aShape, aRank, b, bShape, bRank, transA, transB, out). */
  _BatchMatMul(...args: number[]): void;
  tfjs: {
    registerTensor(id: number, size: number, offset: number): void;
    disposeData(id: number): void;
  };
}

export interface WasmBackend {
  wasm: WasmModule;
  dataIdNextNumber: number;
  dataIdMap: { get(dataId: tf.DataId): { id: number; memoryOffset: number; refCount: number } };
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
  incRef(dataId: tf.DataId): void;
}

/** Byte offset of each tensor on the heap (read after every output is made: it may grow). */
export function byteOffset(backend: WasmBackend, ...tensors: tf.TensorInfo[]): number[] {
  return tensors.map((t) => backend.dataIdMap.get(t.dataId).memoryOffset);
}

/** Float index of each tensor on the heap: its byte offset / 4. */
export function floatIndex(backend: WasmBackend, ...tensors: tf.TensorInfo[]): number[] {
  return byteOffset(backend, ...tensors).map((offset) => offset >> 2);
}

/**
 * A new float32 tensor of `shape` on the wasm backend (the active one), its values written by
 * `fill` straight into the heap: no array of its own, no copy onto the heap. `fill` must not
 * call tfjs, whose next allocation may grow the heap and detach the view.
 */
export function heapTensor(shape: number[], fill: (values: Float32Array) => void): tf.Tensor {
  const backend = tf.backend() as unknown as WasmBackend;
  const info = backend.makeOutput(shape, "float32");
  fill(backend.typedArrayFromHeap(info) as Float32Array);
  return tf.engine().makeTensorFromTensorInfo(info);
}
