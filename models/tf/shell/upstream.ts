/**
 * Starting a fit from an upstream model (`FitOptions.upstream`, the output of another train
 * node): every weight of the new network whose name and shape match one of the upstream
 * network's takes its value, and with `freezeBackbone` every weight outside the kind's head
 * is frozen for the fit (pretrain → fine-tune). Frozen weights must come from upstream: a
 * backbone weight the upstream model lacks is an error, never a frozen random value.
 */
import type * as tf from "@tensorflow/tfjs";
import type { UpstreamModel } from "../../contract.ts";
import { loadLayersModel } from "../serialize.ts";
import type { UpstreamUse } from "./kind.ts";

/** Weights of `model` by their stable (saved) names. */
function namedWeights(model: tf.LayersModel): Map<string, tf.LayerVariable> {
  return new Map(model.weights.map((w) => [w.originalName, w]));
}

const sameShape = (a: tf.LayerVariable, b: tf.LayerVariable) =>
  a.shape.length === b.shape.length && a.shape.every((d, i) => d === b.shape[i]);

/**
 * Copies the matching upstream weights into `model` and returns the weights to freeze
 * (empty unless `use.freezeBackbone`).
 */
export async function initialiseFromUpstream(
  kind: string,
  model: tf.LayersModel,
  upstream: UpstreamModel,
  use: UpstreamUse,
): Promise<tf.LayerVariable[]> {
  const from = `upstream ${upstream.model} model "${upstream.label}"`;
  if (upstream.weights === null) {
    throw new Error(`${kind}: the ${from} has no stored weights; its train node must save them`);
  }
  const source = await loadLayersModel(upstream.weights);
  try {
    const given = namedWeights(source);
    const inHead = (name: string) => use.head.some((prefix) => name.startsWith(prefix));
    const backbone: tf.LayerVariable[] = [];
    const missing: string[] = [];
    let copied = 0;
    const own = namedWeights(model);
    if (use.freezeBackbone && ![...own.keys()].some(inHead)) {
      throw new Error(
        `${kind}: the head [${use.head.join(", ")}] matches no weight of the network, so ` +
          "freezing the backbone would leave nothing to train (a bug in the kind's declaration)",
      );
    }
    for (const [name, weight] of own) {
      const match = given.get(name);
      const usable = match !== undefined && sameShape(match, weight);
      if (usable) {
        weight.write(match.read());
        copied++;
      }
      if (!use.freezeBackbone || inHead(name)) continue;
      if (usable) backbone.push(weight);
      else missing.push(`${name} [${weight.shape}]${match ? ` (upstream [${match.shape}])` : ""}`);
    }
    if (missing.length > 0) {
      throw new Error(
        `${kind}: cannot freeze the backbone: the ${from} lacks ${missing.join(", ")}; ` +
          "train the upstream node with the same architecture, or fine-tune every weight",
      );
    }
    if (copied === 0) {
      throw new Error(
        `${kind}: no weight of the ${from} matches this network by name and shape; ` +
          "wire an upstream train node of a compatible architecture",
      );
    }
    return backbone;
  } finally {
    source.dispose();
  }
}

/** Runs `body` with `weights` frozen, unfreezing them afterwards (success or not). */
export async function withFrozen<T>(
  weights: tf.LayerVariable[],
  body: () => Promise<T>,
): Promise<T> {
  for (const weight of weights) weight.trainable = false;
  try {
    return await body();
  } finally {
    for (const weight of weights) weight.trainable = true;
  }
}
