/**
 * The wasm `Identity` kernel, and `Cast` to the same dtype, copy the whole tensor into a
 * fresh heap buffer. tfjs runs Identity every time autodiff saves a tensor for the backward
 * pass (`engine.clone`), i.e. after almost every forward kernel while training, so a TFT
 * step ran ~800 copies. Tensor data is immutable in tfjs (variables swap buffers on
 * assign), so these replacements share the input's buffer and bump its reference count,
 * exactly as the wasm `Reshape` kernel and the cpu backend's `Identity` already do.
 *
 * Safe to apply after the backend is initialised (neither kernel has a wasm setup
 * function); idempotent. Strings and real dtype changes keep the original kernels.
 */
import * as tf from "@tensorflow/tfjs";
import type { WasmBackend } from "./wasm_heap.ts";
import "@tensorflow/tfjs-backend-wasm";

type KernelArgs = Parameters<tf.KernelFunc>[0];

let patched = false;

function sharing(kernelName: string): void {
  const original = tf.getKernel(kernelName, "wasm");
  if (!original) throw new Error(`wasm kernel ${kernelName} is not registered`);
  const kernelFunc: tf.KernelFunc = (args: KernelArgs) => {
    const x = args.inputs.x as tf.TensorInfo;
    const dtype = (args.attrs as { dtype?: tf.DataType } | undefined)?.dtype ?? x.dtype;
    if (x.dtype === "string" || dtype !== x.dtype) return original.kernelFunc(args);
    (args.backend as unknown as WasmBackend).incRef(x.dataId);
    return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
  };
  tf.unregisterKernel(kernelName, "wasm");
  tf.registerKernel({ ...original, kernelFunc });
}

export function patchWasmIdentity(): void {
  if (patched) return;
  sharing("Identity");
  sharing("Cast");
  patched = true;
}
