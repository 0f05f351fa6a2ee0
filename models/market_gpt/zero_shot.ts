/**
 * Zero-shot: a network whose every weight is the upstream (pretrained) model's, with no
 * training on the fold. A weight the upstream model lacks (by name and shape) is an error:
 * a zero-shot forecast must not carry a single random weight.
 */
import type * as tf from "@tensorflow/tfjs";
import type { UpstreamModel } from "../contract.ts";
import { loadLayersModel } from "../tf/serialize.ts";

export async function copyEveryWeight(
  kind: string,
  model: tf.LayersModel,
  upstream: UpstreamModel,
): Promise<void> {
  if (upstream.weights === null) {
    throw new Error(`${kind}: upstream model "${upstream.label}" has no stored weights`);
  }
  const source = await loadLayersModel(upstream.weights);
  try {
    const given = new Map(source.weights.map((w) => [w.originalName, w]));
    const missing: string[] = [];
    for (const weight of model.weights) {
      const match = given.get(weight.originalName);
      const same = match !== undefined && match.shape.join() === weight.shape.join();
      if (same) weight.write(match.read());
      else missing.push(`${weight.originalName} [${weight.shape}]`);
    }
    if (missing.length > 0) {
      throw new Error(
        `${kind}: zero-shot needs every weight from upstream model "${upstream.label}", which ` +
          `lacks ${missing.join(", ")}; pretrain with the same architecture and K-line parts`,
      );
    }
  } finally {
    source.dispose();
  }
}
