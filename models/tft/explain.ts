/**
 * Interpretation of a trained TFT on one split, as pytorch-forecasting's
 * `interpret_output`: attention over the encoder steps (averaged over heads, decoder steps
 * and samples; per sample on request) and the mean variable-selection weight of every
 * static, past (encoder) and future (decoder) variable. Reads are asynchronous (webgpu in
 * Deno cannot read synchronously).
 */
import * as tf from "@tensorflow/tfjs";
import type { Explanation, Fold } from "../contract.ts";
import { DEFAULT_PREDICT_CHUNK } from "../tf/predict.ts";
import type { TemporalFusionTransformer } from "./network.ts";

interface Accumulated {
  /** [n, L] attention over encoder steps per sample */
  attention: Float32Array[];
  staticSum: Float64Array;
  pastSum: Float64Array;
  futureSum: Float64Array;
  samples: number;
}

function addInto(sum: Float64Array, values: Float32Array): void {
  for (let i = 0; i < values.length; i++) sum[i % sum.length] += values[i];
}

/** Runs the network over `inputs` in chunks and reduces its interpretation outputs. */
async function accumulate(
  layer: TemporalFusionTransformer,
  inputs: tf.Tensor[],
): Promise<Accumulated> {
  const { staticSize, pastSize, knownSize, encoderLength: l } = layer.shape;
  const acc: Accumulated = {
    attention: [],
    staticSum: new Float64Array(staticSize),
    pastSum: new Float64Array(pastSize + knownSize),
    futureSum: new Float64Array(knownSize),
    samples: 0,
  };
  const n = inputs[0].shape[0];
  for (let start = 0; start < n; start += DEFAULT_PREDICT_CHUNK) {
    const size = Math.min(DEFAULT_PREDICT_CHUNK, n - start);
    const reduced = tf.tidy(() => {
      const out = layer.forward(inputs.map((x) => x.slice(start, size)), false);
      // inference forms every weight (training leaves them null)
      const [attention, statics, past, future] = [
        out.attention!,
        out.staticWeights!,
        out.encoderWeights!,
        out.decoderWeights!,
      ];
      const [b, , h] = attention.shape;
      const overHeads = tf.mean(attention, 1); // [b, H, T]
      const encoderKeys = tf.slice(overHeads, [0, 0, 0], [b, h, l]);
      return [
        tf.mean(encoderKeys, 1), // [b, L]
        statics, // [b, S]
        tf.mean(past, 1), // [b, P + F]
        tf.mean(future, 1), // [b, F]
      ];
    });
    let values: Float32Array[];
    try {
      values = await Promise.all(reduced.map(async (x) => await x.data() as Float32Array));
    } finally {
      tf.dispose(reduced);
    }
    const [attention, statics, past, future] = values;
    acc.attention.push(attention);
    if (staticSize > 0) addInto(acc.staticSum, statics);
    addInto(acc.pastSum, past);
    if (knownSize > 0) addInto(acc.futureSum, future);
    acc.samples += size;
  }
  return acc;
}

/** Mean weight per variable name (0 for an empty split). */
function byName(names: string[], sums: Float64Array, samples: number): Record<string, number> {
  return Object.fromEntries(names.map((name, i) => [name, samples > 0 ? sums[i] / samples : 0]));
}

export async function explainTft(
  layer: TemporalFusionTransformer,
  fold: Fold,
  inputs: tf.Tensor[],
  origins: Int32Array,
  perSample: boolean,
): Promise<Explanation> {
  const l = layer.shape.encoderLength;
  const acc = await accumulate(layer, inputs);
  const steps = Array.from({ length: l }, (_, i) => i - (l - 1));
  const mean = new Float64Array(l);
  for (const chunk of acc.attention) addInto(mean, chunk);
  const explanation: Explanation = {
    attention: { steps, weights: Array.from(mean, (v) => (acc.samples > 0 ? v / acc.samples : 0)) },
    variableImportance: {
      static: byName(fold.staticNames, acc.staticSum, acc.samples),
      past: byName([...fold.pastNames, ...fold.knownNames], acc.pastSum, acc.samples),
      future: byName(fold.knownNames, acc.futureSum, acc.samples),
    },
  };
  if (perSample) {
    const weights = new Float32Array(acc.samples * l);
    let offset = 0;
    for (const chunk of acc.attention) {
      weights.set(chunk, offset);
      offset += chunk.length;
    }
    explanation.attentionBySample = { origins: Int32Array.from(origins), steps, weights };
  }
  return explanation;
}
