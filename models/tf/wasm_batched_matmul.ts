/**
 * The wasm `BatchMatMul` kernel sends every product with a batch dimension above 1 through
 * a naive blocked loop (~1.3–2 GFLOP/s); only a single [1, M, K] × [1, K, N] product goes
 * to XNNPACK (~20 GFLOP/s). This re-registers the kernel so that a batched product (the
 * same batch dims on both operands) runs on one of two faster routes:
 *
 * - `simd`: the SIMD register-tile kernel (`wasm_simd/batched_matmul.ts`), one call for the
 *   whole batch with no set-up per slice. On the 2-core workplace machine it was 1.3–40×
 *   faster than XNNPACK views on every slice up to {@link MAX_SIMD_SLICE_MACS}
 *   multiply-adds that we measured (the CLS Transformer's attention products 2.4–2.7×,
 *   [512, 61, 61] · [512, 61, 16] 2.1 against 5.5 ms; the TFT's one-query attention 9–22×)
 *   and 2–100× faster than the loop (`bench/transformer/sliced_matmul.ts`).
 * - `views`: XNNPACK products on zero-copy views of the operands' slices, for larger
 *   slices, where XNNPACK's packed, cache-blocked product wins (1024³: 0.30 against 0.42 s).
 *   Each slice of a, b and the output is registered with the wasm backend as a tensor
 *   whose memory is inside the parent buffer (`register_tensor` only records a pointer;
 *   `dispose_data` forgets it and frees nothing but the XNNPACK operator cached on it).
 *
 * A single product, and a b without a batch (broadcast: one product over all of a's rows),
 * take the SIMD GEMM kernel (`wasm_gemm.ts`) where it wins, else XNNPACK.
 * Both routes sum each output element in k order with separate float32 multiply and add,
 * as XNNPACK does for a single product, so they agree bit for bit with each other and with
 * a 2-D `tf.matMul` of each slice; they differ from the loop in the last bits when k > 48
 * (it sums k in blocks of 48): tests/models/tf/wasm_batched_matmul_test.ts bounds each
 * route against float64.
 * Transposed operands are handled by `wasm_matmul_fix.ts`, which transposes them and then
 * calls this kernel, except a transposed a on the SIMD route ({@link takesTransposedA}):
 * the kernel reads it strided, without the copy, with the same results.
 */
import * as tf from "@tensorflow/tfjs";
import type { WasmBackend, WasmModule } from "./wasm_heap.ts";
import "@tensorflow/tfjs-backend-wasm";
import { batchedMatMulOnHeap } from "./wasm_simd/batched_matmul.ts";
import { gemmOnBackend, gemmTakes } from "./wasm_gemm.ts";

/**
 * Multiply-adds per slice (M·K·N) above which a batched product takes XNNPACK views
 * instead of the SIMD kernel. Measured on the 2-core workplace machine (views ÷ simd time):
 * 256³ 1.28, 64·4096·64 1.47; 512³ 1.07, 1024·64·1024 0.99, 256·1024·1024 0.93,
 * 2048·64·2048 0.90, 1024³ 0.71.
 */
export const MAX_SIMD_SLICE_MACS = 2 ** 24;

/**
 * How a product with the same batch dims on both operands is computed; `gemm`: the SIMD
 * GEMM kernel (`wasm_gemm.ts`) slice by slice.
 */
export type SlicedRoute = "stock" | "views" | "simd" | "gemm";

/**
 * The route of a product of `batch` slices [m, k] · [k, n]: a single product takes `gemm`
 * where {@link gemmTakes} (else `stock`: tfjs's own kernel, XNNPACK), an empty one `stock`.
 */
export function slicedRoute(batch: number, m: number, k: number, n: number): SlicedRoute {
  if (m * k * n === 0) return "stock";
  if (batch <= 1) return gemmTakes(m, k, n) ? "gemm" : "stock";
  return m * k * n <= MAX_SIMD_SLICE_MACS ? "simd" : "views";
}

let forced: SlicedRoute | null = null;

/**
 * Runs `fn` with every product with the same batch dims on both operands (a single one
 * too) sent down `route` instead of the measured choice: for measuring the routes against
 * each other and testing one against another. Empty products always take `stock`.
 */
export function withSlicedRoute<T>(route: SlicedRoute, fn: () => T): T {
  const previous = forced;
  forced = route;
  try {
    return fn();
  } finally {
    forced = previous;
  }
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

type Route = SlicedRoute | "broadcast";

/** How a product is computed, and its sizes (m, k of op(a), which `transposeA` swaps). */
function planOf(a: tf.TensorInfo, b: tf.TensorInfo, transposeA: boolean) {
  const [rows, cols] = a.shape.slice(-2);
  const [m, k] = transposeA ? [cols, rows] : [rows, cols];
  const n = b.shape[b.shape.length - 1];
  const batch = tf.util.sizeFromShape(a.shape.slice(0, -2));
  const batchB = tf.util.sizeFromShape(b.shape.slice(0, -2));
  const sameBatch = a.shape.length === b.shape.length &&
    a.shape.slice(0, -2).every((size, i) => size === b.shape[i]);
  let route: Route = "stock";
  if (a.dtype !== "float32" || m * k * n === 0) route = "stock";
  else if (sameBatch) route = forced ?? slicedRoute(batch, m, k, n);
  else if (batchB === 1 && batch > 1 && b.shape.length <= a.shape.length) route = "broadcast";
  return { route, batch, m, k, n };
}

/**
 * Largest k (rows of a stored transposed, [k, m]) that the SIMD route reads in place. Its
 * tile reads 16 bytes from each of k rows; above this they no longer stay in the L1 cache
 * and copying first is faster. Measured on the 2-core workplace machine (copy and plain
 * product ÷ in place): m·k·n 61·61·16 1.58, 256³ 1.37, 128³ 1.10; 64·4096·64 0.92,
 * 128·1024·128 0.66.
 */
export const MAX_IN_PLACE_TRANSPOSED_K = 256;

/**
 * Whether this kernel computes aᵀ · b with a left transposed (the SIMD route reads it
 * strided), so `wasm_matmul_fix.ts` need not copy it first.
 */
export function takesTransposedA(a: tf.TensorInfo, b: tf.TensorInfo): boolean {
  const { route, k } = planOf(a, b, true);
  return route === "simd" && k <= MAX_IN_PLACE_TRANSPOSED_K;
}

function viewKernel(original: tf.KernelFunc): tf.KernelFunc {
  return (args: KernelArgs) => {
    const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    const attrs = args.attrs as { transposeA: boolean; transposeB: boolean };
    if (attrs.transposeB) return original(args);
    const { route, batch, m, k, n } = planOf(a, b, attrs.transposeA);
    if (route === "stock" || (attrs.transposeA && route !== "simd")) return original(args);
    const backend = args.backend as unknown as WasmBackend;
    const out = backend.makeOutput([...a.shape.slice(0, -2), m, n], "float32");
    const offset = (info: tf.TensorInfo) => backend.dataIdMap.get(info.dataId).memoryOffset;
    const [aAt, bAt, outAt] = [offset(a), offset(b), offset(out)];
    if (route === "broadcast") {
      const dims: [number, number, number] = [batch * m, k, n];
      if (gemmTakes(...dims)) gemmOnBackend(backend, { a: aAt, b: bAt, c: outAt }, dims);
      else product(backend, [aAt, bAt, outAt], dims);
    } else if (route === "gemm") {
      for (let i = 0; i < batch; i++) {
        const at = { a: aAt + 4 * i * m * k, b: bAt + 4 * i * k * n, c: outAt + 4 * i * m * n };
        gemmOnBackend(backend, at, [m, k, n]);
      }
    } else if (route === "simd") {
      batchedMatMulOnHeap(backend.wasm.asm.memory, { a: aAt, b: bAt, c: outAt }, [batch, m, k, n], {
        transposedA: attrs.transposeA,
      });
    } else {
      for (let i = 0; i < batch; i++) {
        const at = [aAt + 4 * i * m * k, bAt + 4 * i * k * n, outAt + 4 * i * m * n];
        product(backend, at as [number, number, number], [m, k, n]);
      }
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
