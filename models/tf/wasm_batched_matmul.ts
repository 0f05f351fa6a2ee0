/**
 * The wasm `BatchMatMul` kernel sends every product with a batch dimension above 1 through
 * a naive blocked loop (~1.3–2 GFLOP/s); only a single [1, M, K] × [1, K, N] product goes
 * to XNNPACK (~20 GFLOP/s). This re-registers the kernel so that a batched product runs as
 * XNNPACK products on zero-copy views of its operands' slices: each slice of a, b and the
 * output is registered with the wasm backend as a tensor whose memory is inside the parent
 * buffer (`register_tensor` only records a pointer; `dispose_data` forgets it and frees
 * nothing but the XNNPACK operator cached on it). A b without a batch (broadcast) becomes
 * one product over all of a's rows.
 *
 * Results agree with the loop to float32 rounding (XNNPACK sums in another order), so this
 * is a numerical change: tests/models/tf/wasm_batched_matmul_test.ts bounds it. Slices
 * smaller than {@link MIN_SLICE_MACS} keep the loop, which is faster there (the per-slice
 * operator set-up dominates). Transposed operands are handled by `wasm_matmul_fix.ts`,
 * which transposes them and then calls this kernel.
 */
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";

/**
 * Multiply-adds per slice (M·K·N) below which the loop is kept. Measured on the 2-core
 * workplace machine with 64 slices: about even at 16×16×16 (4,096; the set-up of an XNNPACK
 * operator per slice costs ~5 µs), views 1.5–2× faster from 20×16×20 (6,400) and 5× at
 * 60×16×60.
 */
export const MIN_SLICE_MACS = 6144;

interface WasmModule {
  HEAP32: Int32Array;
  _malloc(bytes: number): number;
  _BatchMatMul(...args: number[]): void;
  tfjs: {
    registerTensor(id: number, size: number, offset: number): void;
    disposeData(id: number): void;
  };
}

interface WasmBackend {
  wasm: WasmModule;
  dataIdNextNumber: number;
  dataIdMap: { get(dataId: tf.DataId): { memoryOffset: number } };
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
}

type KernelArgs = Parameters<tf.KernelFunc>[0];

/** Two persistent [1, rows, cols] shape buffers on the wasm heap, per module. */
const shapeBuffers = new WeakMap<WasmModule, number>();

function product(backend: WasmBackend, pointers: [number, number, number], dims: number[]) {
  const [m, k, n] = dims;
  const wasm = backend.wasm;
  let shapes = shapeBuffers.get(wasm);
  if (shapes === undefined) {
    shapes = wasm._malloc(24);
    shapeBuffers.set(wasm, shapes);
  }
  wasm.HEAP32.set([1, m, k, 1, k, n], shapes >> 2);
  const ids = [m * k, k * n, m * n].map((size, i) => {
    const id = backend.dataIdNextNumber++;
    wasm.tfjs.registerTensor(id, size, pointers[i]);
    return id;
  });
  try {
    wasm._BatchMatMul(ids[0], shapes, 3, ids[1], shapes + 12, 3, 0, 0, ids[2]);
  } finally {
    for (const id of ids) wasm.tfjs.disposeData(id);
  }
}

function viewKernel(original: tf.KernelFunc): tf.KernelFunc {
  return (args: KernelArgs) => {
    const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    const attrs = args.attrs as { transposeA: boolean; transposeB: boolean };
    if (attrs.transposeA || attrs.transposeB || a.dtype !== "float32") {
      return original(args);
    }
    const [m, k] = a.shape.slice(-2);
    const n = b.shape[b.shape.length - 1];
    const batchA = tf.util.sizeFromShape(a.shape.slice(0, -2));
    const batchB = tf.util.sizeFromShape(b.shape.slice(0, -2));
    const sameBatch = a.shape.length === b.shape.length &&
      a.shape.slice(0, -2).every((size, i) => size === b.shape[i]);
    const broadcast = batchB === 1 && batchA > 1 && b.shape.length <= a.shape.length;
    const sliced = batchA > 1 && sameBatch && m * k * n >= MIN_SLICE_MACS;
    if (!(broadcast || sliced) || m * k * n === 0) {
      return original(args);
    }
    const backend = args.backend as unknown as WasmBackend;
    const out = backend.makeOutput([...a.shape.slice(0, -2), m, n], "float32");
    const offset = (info: tf.TensorInfo) => backend.dataIdMap.get(info.dataId).memoryOffset;
    const [aAt, bAt, outAt] = [offset(a), offset(b), offset(out)];
    if (broadcast) {
      product(backend, [aAt, bAt, outAt], [batchA * m, k, n]);
      return out;
    }
    for (let i = 0; i < batchA; i++) {
      product(backend, [aAt + 4 * i * m * k, bAt + 4 * i * k * n, outAt + 4 * i * m * n], [
        m,
        k,
        n,
      ]);
    }
    return out;
  };
}

let patched = false;

/** Must run before the wasm backend is first initialised (its setup functions run once). */
export function patchWasmBatchedMatMul(): void {
  if (patched) return;
  const original = tf.getKernel("BatchMatMul", "wasm");
  if (!original) throw new Error("wasm kernel BatchMatMul is not registered");
  tf.unregisterKernel("BatchMatMul", "wasm");
  tf.registerKernel({ ...original, kernelFunc: viewKernel(original.kernelFunc) });
  patched = true;
}
