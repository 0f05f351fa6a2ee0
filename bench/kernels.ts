/**
 * Kernel profiles for the benches: which `tf.profile` entries are kernels, and a run's kernel
 * time split into the matrix products and the rest. The profile also lists ops (`…__op`) and
 * custom-gradient scopes ("forward", "unnamed scope", a tidy's name…) around kernels it lists
 * too; counting those would count their kernels twice, so only the entries registered as
 * kernels of the active backend count.
 */
import * as tf from "@tensorflow/tfjs";

export function isKernel(entry: { name: string }): boolean {
  return tf.getKernel(entry.name, tf.getBackend()) !== undefined;
}

/** The matrix products' kernels on wasm (`tf.matMul` and the fused dense layer). */
export const PRODUCT_KERNELS = new Set(["BatchMatMul", "_FusedMatMul"]);

/** 2·m·k·n of one product from its input and output shapes ([..., m, k] or transposed). */
export function productFlops(inputShapes: number[][], outputShape: number[]): number {
  const a = inputShapes[0];
  const m = outputShape.at(-2)!;
  const k = a.at(-2) === m ? a.at(-1)! : a.at(-2)!;
  return 2 * outputShape.reduce((x, y) => x * y, 1) * k;
}

export interface KernelSplit {
  /** Every kernel's time, summed. */
  totalMs: number;
  /** Kernel name → its calls and summed time. */
  byName: Map<string, { calls: number; ms: number }>;
  /** The products' calls, summed time and floating-point operations. */
  productCalls: number;
  productMs: number;
  productFlops: number;
}

/** Runs `run` under `tf.profile` and sums its kernels' times by name and for the products. */
export async function profileKernels(run: () => Promise<unknown>): Promise<KernelSplit> {
  const info = await tf.profile(async () => {
    await run();
  });
  const split: KernelSplit = {
    totalMs: 0,
    byName: new Map(),
    productCalls: 0,
    productMs: 0,
    productFlops: 0,
  };
  for (const kernel of info.kernels) {
    if (!isKernel(kernel)) continue;
    const ms = Number(kernel.kernelTimeMs) || 0;
    split.totalMs += ms;
    const named = split.byName.get(kernel.name) ?? { calls: 0, ms: 0 };
    split.byName.set(kernel.name, { calls: named.calls + 1, ms: named.ms + ms });
    if (!PRODUCT_KERNELS.has(kernel.name)) continue;
    split.productCalls += 1;
    split.productMs += ms;
    split.productFlops += productFlops(kernel.inputShapes, kernel.outputShapes[0]);
  }
  return split;
}
