/** The guard every tfjs model runs before it trains or predicts. */
import * as tf from "@tensorflow/tfjs";
import { fusedMultiplyAdd } from "./wasm_gemm.ts";

/** What tfjs is on, named as a backend: `wasm-fma` is tfjs's wasm with the FMA GEMM selected. */
function activeBackend(): string {
  const active = tf.getBackend();
  return active === "wasm" && fusedMultiplyAdd() ? "wasm-fma" : active;
}

/**
 * Throws unless tfjs is on `backend` (for "wasm", "wasm-fma", "webgpu" or "cpu"): a model
 * must never run on another backend than the one in its node's cache key.
 */
export function requireBackend(kind: string, backend: string): void {
  const active = activeBackend();
  if (["wasm", "wasm-fma", "webgpu", "cpu"].includes(backend) && active !== backend) {
    throw new Error(
      `${kind}: the run expects the "${backend}" backend but tfjs is on "${active}"; ` +
        `call initBackend("${backend}") from models/tf/backend.ts first`,
    );
  }
}
