/** Saved weights of a stored model by their stable names. */
import { loadLayersModel } from "../../../../models/tf/serialize.ts";

export async function savedWeights(saved: Uint8Array): Promise<Map<string, Float32Array>> {
  const loaded = await loadLayersModel(saved);
  try {
    const named = loaded.weights.map((w) => [w.originalName, w.read().dataSync()] as const);
    return new Map(named.map(([name, values]) => [name, new Float32Array(values)]));
  } finally {
    loaded.dispose();
  }
}

export const sameValues = (a: Float32Array, b: Float32Array) =>
  a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
