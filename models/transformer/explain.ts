/**
 * Attention read-out of a trained CLS Transformer: for every layer and head, the [CLS]
 * query's attention over the encoder steps, averaged over the split's samples.
 *
 * The [CLS] query also attends to itself; that weight is left out, so a head's weights over
 * the steps sum to 1 minus its self-attention. `attention` (the summary the report plots)
 * is the last layer's, averaged over heads: the layer whose [CLS] output feeds the head.
 * Steps are labelled by their offset from the origin row: −(L−1) … 0.
 *
 * Values are read back with `await array()`, never `arraySync()`: the webgpu backend reads
 * synchronously through an OffscreenCanvas, which Deno does not have.
 */
import * as tf from "@tensorflow/tfjs";
import type { Explanation } from "../contract.ts";
import { DEFAULT_PREDICT_CHUNK } from "../tf/predict.ts";
import { attentionLayerName } from "./network.ts";

/** A model on the same layers whose outputs are every layer's attention weights, in order. */
export function attentionModel(model: tf.LayersModel): tf.LayersModel {
  const outputs: tf.SymbolicTensor[] = [];
  for (let l = 1; model.layers.some((layer) => layer.name === attentionLayerName(l)); l++) {
    outputs.push((model.getLayer(attentionLayerName(l)).output as tf.SymbolicTensor[])[1]);
  }
  if (outputs.length === 0) throw new Error(`model "${model.name}" has no attention layers`);
  return tf.model({ inputs: model.inputs, outputs, name: "cls_transformer_attention" });
}

/** Mean [CLS]-row attention per layer and head over the samples of `past` [n, L, F]. */
export async function clsAttention(
  attention: tf.LayersModel,
  past: tf.Tensor3D,
): Promise<Explanation> {
  const [n, steps] = past.shape;
  if (n === 0) throw new Error("cls-transformer explain: the split has no origins");
  const layers = attention.outputs.length;
  let sums: tf.Tensor[] | null = null;
  for (let start = 0; start < n; start += DEFAULT_PREDICT_CHUNK) {
    const size = Math.min(DEFAULT_PREDICT_CHUNK, n - start);
    const chunk = tf.tidy(() => {
      const outputs = attention.predict(past.slice(start, size)) as tf.Tensor | tf.Tensor[];
      // [c, h, S+1, S+1] → CLS query row (0) over the data keys (1..S), summed over samples
      return [outputs].flat().map((w) => {
        const heads = w.shape[1]!;
        return w.slice([0, 0, 0, 1], [size, heads, 1, steps]).sum([0, 2]);
      });
    });
    const previous: tf.Tensor[] | null = sums;
    sums = previous ? chunk.map((t, l) => tf.add(t, previous[l])) : chunk;
    if (previous) tf.dispose([...previous, ...chunk]);
  }
  let byHead: number[][][];
  try {
    const read = await Promise.all(sums!.map((t) => t.array() as Promise<number[][]>));
    byHead = read.map((heads) => heads.map((row) => row.map((v) => v / n)));
  } finally {
    tf.dispose(sums!);
  }
  const last = byHead[layers - 1];
  const weights = last[0].map((_, s) => last.reduce((sum, head) => sum + head[s], 0) / last.length);
  return {
    attentionByHead: byHead,
    attention: { steps: Array.from({ length: steps }, (_, s) => s - (steps - 1)), weights },
  };
}
