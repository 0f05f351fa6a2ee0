/**
 * Single float32 products on wasm through the SIMD GEMM kernel (`wasm_simd/gemm.ts`)
 * instead of XNNPACK: `BatchMatMul` with one slice or a broadcast b (`wasm_batched_matmul.ts`
 * routes them here) and `_FusedMatMul` (a dense layer's forward: bias, relu), re-registered
 * by {@link patchWasmFusedMatMul}.
 *
 * XNNPACK packs its right operand into a fresh buffer on every call (~9 ns an element) and
 * runs 26–30 GFLOP/s on the CLS Transformer's dense products; the kernel packs B itself
 * (a plain copy of its column strips) and ran 33–37 (`bench/transformer/gemm.ts`, the
 * 2-core workplace machine under load). It sums each element in k order with separate
 * float32 multiply and add from XNNPACK's start (0, or the bias) and clamps relu as XNNPACK
 * does (`pmax(0, x)`), so results equal XNNPACK's bit for bit
 * (tests/models/tf/wasm_gemm_test.ts). {@link setFusedMultiplyAdd} switches to the FMA
 * kernel (45–53 GFLOP/s): one rounding per step, results differ from XNNPACK in the last
 * bits (still deterministic on one machine), so it is off unless asked for.
 */
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import type { WasmBackend } from "./wasm_heap.ts";
import { gemmOnHeap, type GemmShape } from "./wasm_simd/gemm.ts";

/** The bit-exact kernel: 4 rows × 2 vectors, B packed, k unrolled 4×. */
export const EXACT_KERNEL: GemmShape = { rows: 4, vectors: 2, packed: true, unroll: 4, fma: false };
/** The FMA kernel: 6 rows × 2 vectors (fused steps need no temporary register). */
export const FMA_KERNEL: GemmShape = { rows: 6, vectors: 2, packed: true, unroll: 4, fma: true };

/**
 * Largest k·n (floats of the packed B) that takes the kernel. Each band of rows reads all of
 * packed B, so past the caches XNNPACK's cache blocking should win. Measured on the 2-core
 * workplace machine: k·n = 1.5·2^20 (dW = Xᵀ·dY, 128·3904·384) still 1.2–2.5× faster than
 * XNNPACK; 1024³ and 512·2048·2048 were too disturbed by other load to place the crossover,
 * so larger B stays on XNNPACK until measured (`bench/transformer/gemm.ts --crossover`).
 */
export const MAX_GEMM_B_FLOATS = 2 ** 21;

let fma = false;

/**
 * Selects the FMA kernel (`true`) or the bit-exact one (`false`, the default). `initBackend`
 * sets it: on for `wasm-fma`, off for `wasm`.
 */
export function setFusedMultiplyAdd(on: boolean): void {
  fma = on;
}

/** Whether products run on the FMA kernel (the `wasm-fma` backend). */
export function fusedMultiplyAdd(): boolean {
  return fma;
}

let enabled = true;

/** Runs `body` with every product on XNNPACK as before (A/B measurements, references). */
export function withoutGemm<T>(body: () => T): T {
  const before = enabled;
  enabled = false;
  try {
    return body();
  } finally {
    enabled = before;
  }
}

/** Whether a single product [m, k] · [k, n] takes the kernel. */
export function gemmTakes(m: number, k: number, n: number): boolean {
  return enabled && m * k * n > 0 && k * n <= MAX_GEMM_B_FLOATS;
}

/**
 * C = A · B (+ bias, relu) for byte offsets on the heap, the packing scratch allocated and
 * freed around the call.
 */
export function gemmOnBackend(
  backend: WasmBackend,
  at: { a: number; b: number; c: number; bias?: number },
  dims: [number, number, number],
  relu = false,
): void {
  const scratch = backend.wasm._malloc(4 * dims[1] * dims[2]);
  if (scratch === 0) {
    throw new Error(`gemm: out of wasm memory for a [${dims[1]}, ${dims[2]}] panel`);
  }
  try {
    const shape = { ...(fma ? FMA_KERNEL : EXACT_KERNEL), bias: at.bias !== undefined, relu };
    gemmOnHeap(backend.wasm.asm.memory, { ...at, scratch }, dims, shape);
  } finally {
    backend.wasm._free(scratch);
  }
}

type KernelArgs = Parameters<tf.KernelFunc>[0];

/** The fused products the kernel computes: one slice, untransposed, rank-1 bias, relu or none. */
function fusedPlan(args: KernelArgs) {
  const { a, b, bias, preluActivationWeights } = args.inputs as Record<string, tf.TensorInfo>;
  const attrs = args.attrs as { transposeA: boolean; transposeB: boolean; activation?: string };
  const activation = attrs.activation ?? "linear";
  if (attrs.transposeA || attrs.transposeB || preluActivationWeights) return null;
  if (activation !== "linear" && activation !== "relu") return null;
  if (a.dtype !== "float32" || b.dtype !== "float32") return null;
  const batch = (x: tf.TensorInfo) => tf.util.sizeFromShape(x.shape.slice(0, -2));
  if (batch(a) !== 1 || batch(b) !== 1) return null;
  const [m, k] = a.shape.slice(-2);
  const n = b.shape[b.shape.length - 1];
  if (bias && (bias.dtype !== "float32" || bias.shape.length !== 1 || bias.shape[0] !== n)) {
    return null;
  }
  if (!gemmTakes(m, k, n)) return null;
  const outShape = [...(a.shape.length >= b.shape.length ? a : b).shape.slice(0, -2), m, n];
  return {
    a,
    b,
    bias,
    relu: activation === "relu",
    dims: [m, k, n] as [number, number, number],
    outShape,
  };
}

let patched = false;

/**
 * Re-registers `_FusedMatMul` so that the products {@link fusedPlan} accepts take the
 * kernel; others go to tfjs's. Must run before `wasm_matmul_fix.ts` wraps the kernel.
 */
export function patchWasmFusedMatMul(): void {
  if (patched) return;
  const original = tf.getKernel("_FusedMatMul", "wasm");
  if (!original) throw new Error("wasm kernel _FusedMatMul is not registered");
  const kernelFunc = (args: KernelArgs) => {
    const plan = fusedPlan(args);
    if (!plan) return original.kernelFunc(args);
    const backend = args.backend as unknown as WasmBackend;
    const out = backend.makeOutput(plan.outShape, "float32");
    const offset = (x: tf.TensorInfo) => backend.dataIdMap.get(x.dataId).memoryOffset;
    const at = { a: offset(plan.a), b: offset(plan.b), c: offset(out) };
    gemmOnBackend(
      backend,
      plan.bias ? { ...at, bias: offset(plan.bias) } : at,
      plan.dims,
      plan.relu,
    );
    return out;
  };
  tf.unregisterKernel("_FusedMatMul", "wasm");
  tf.registerKernel({ ...original, kernelFunc });
  patched = true;
}
