/**
 * The wasm `BatchMatMul` and `_FusedMatMul` kernels are 10–20× slower when `transposeA` or
 * `transposeB` is set, and every backward pass sets them. This re-registers both kernels so
 * that they transpose the flagged operand first (with the wasm `Transpose` kernel) and then
 * take the fast, untransposed path. Results are identical; training roughly doubles in speed.
 * A transposed a that the batched kernel's SIMD route reads strided itself
 * (`wasm_batched_matmul.ts`: `takesTransposedA`) is passed on untouched, saving the copy
 * (2.1 ms for an attention's [512, 61, 61] probabilities), with the same results.
 */
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { takesTransposedA } from "./wasm_batched_matmul.ts";

type KernelArgs = Parameters<tf.KernelFunc>[0];
type Backend = KernelArgs["backend"] & { disposeData(dataId: tf.DataId): boolean };

let patched = false;

function swapLastTwo(rank: number): number[] {
  const perm = Array.from({ length: rank }, (_, i) => i);
  [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1], perm[rank - 2]];
  return perm;
}

/**
 * `keepsTransposedA(a, b)`: the wrapped kernel computes aᵀ · b itself for these operands
 * (b already untransposed), so a is passed on with `transposeA` set instead of transposed.
 */
function wrap(
  kernelName: string,
  operandNames: ["a", "b"],
  keepsTransposedA: (a: tf.TensorInfo, b: tf.TensorInfo) => boolean = () => false,
) {
  const original = tf.getKernel(kernelName, "wasm");
  if (!original) throw new Error(`wasm kernel ${kernelName} is not registered`);
  const transpose = tf.getKernel("Transpose", "wasm");
  if (!transpose) throw new Error("wasm kernel Transpose is not registered");
  const kernelFunc: tf.KernelFunc = (args: KernelArgs) => {
    const attrs = args.attrs as { transposeA: boolean; transposeB: boolean };
    if (!attrs.transposeA && !attrs.transposeB) return original.kernelFunc(args);
    const backend = args.backend as Backend;
    const inputs = { ...args.inputs } as Record<string, tf.TensorInfo>;
    const temporaries: tf.TensorInfo[] = [];
    const transposeInput = (name: string) => {
      const x = inputs[name];
      const transposed = transpose.kernelFunc({
        inputs: { x },
        backend,
        attrs: { perm: swapLastTwo(x.shape.length) },
      }) as tf.TensorInfo;
      temporaries.push(transposed);
      inputs[name] = transposed;
    };
    const [aName, bName] = operandNames;
    if (attrs.transposeB) transposeInput(bName);
    const keepA = attrs.transposeA && keepsTransposedA(inputs[aName], inputs[bName]);
    if (attrs.transposeA && !keepA) transposeInput(aName);
    const result = original.kernelFunc({
      ...args,
      inputs,
      attrs: { ...args.attrs, transposeA: keepA, transposeB: false },
    });
    for (const t of temporaries) backend.disposeData(t.dataId);
    return result;
  };
  tf.unregisterKernel(kernelName, "wasm");
  tf.registerKernel({ ...original, kernelFunc });
}

/** Must run before the wasm backend is first initialised, so its setup functions run once. */
export function patchWasmTransposedMatMul(): void {
  if (patched) return;
  wrap("BatchMatMul", ["a", "b"], takesTransposedA);
  wrap("_FusedMatMul", ["a", "b"]);
  patched = true;
}
