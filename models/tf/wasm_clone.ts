/**
 * tfjs clones every tensor autodiff saves for the backward pass (`Engine.clone`: an
 * `Identity` kernel and a tape node), ~500 times per TFT training step. On wasm the
 * `Identity` kernel already shares the buffer (`wasm_identity_fix.ts`), so what remains is
 * the kernel dispatch itself (profiling checks, scopes, kernel lookup: microseconds each).
 * This clone shares the buffer directly (reference count bumped, as that kernel does) and
 * records the same tape node, so gradients through a clone are unchanged. Other backends
 * keep tfjs's clone.
 */
import * as tf from "@tensorflow/tfjs";

interface CloningEngine {
  backendName: string;
  backend: { incRef(dataId: tf.DataId): void };
  state: { activeScope: { name: string } };
  clone(x: tf.Tensor): tf.Tensor;
  makeTensorFromDataId(dataId: tf.DataId, shape: number[], dtype: tf.DataType): tf.Tensor;
  addTapeNode(
    scope: string,
    inputs: Record<string, tf.Tensor>,
    outputs: tf.Tensor[],
    grad: (dy: tf.Tensor) => Record<string, () => tf.Tensor>,
    saved: tf.Tensor[],
    attrs: Record<string, unknown>,
  ): void;
}

let patched = false;

export function patchWasmClone(): void {
  if (patched) return;
  const engine = tf.engine() as unknown as CloningEngine;
  const original = engine.clone;
  engine.clone = function (this: CloningEngine, x: tf.Tensor): tf.Tensor {
    if (this.backendName !== "wasm" || x.dtype === "string") return original.call(this, x);
    this.backend.incRef(x.dataId);
    const y = this.makeTensorFromDataId(x.dataId, [...x.shape], x.dtype);
    // As tfjs's clone: the gradient of a clone is dy, cast to float32.
    const grad = (dy: tf.Tensor) => ({ x: () => tf.cast(dy, "float32") });
    this.addTapeNode(this.state.activeScope.name, { x }, [y], grad, [], {});
    return y;
  };
  patched = true;
}
