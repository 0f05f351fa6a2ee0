/** The guard every tfjs model runs before it trains or predicts. */
import * as tf from "@tensorflow/tfjs";

/**
 * Throws unless tfjs is on `backend` (for "wasm", "webgpu" or "cpu"): a model must never
 * run on another backend than the one in its node's cache key.
 */
export function requireBackend(kind: string, backend: string): void {
  const active = tf.getBackend();
  if (["wasm", "webgpu", "cpu"].includes(backend) && active !== backend) {
    throw new Error(
      `${kind}: the run expects the "${backend}" backend but tfjs is on "${active}"; ` +
        `call initBackend("${backend}") from models/tf/backend.ts first`,
    );
  }
}
