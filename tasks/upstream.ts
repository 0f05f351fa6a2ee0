/**
 * A train node's optional `upstream` input: the {@link TrainResult} of another train node
 * (mapped over the same fold axis in the DAG), handed to the fit as `FitOptions.upstream`
 * so that pretrain → fine-tune and feature learner → forecaster are plain, cached edges.
 *
 * Only kinds whose spec declares `accepts: { upstream: true }` receive one; any other kind
 * wired to an upstream is an error naming the node. An upstream fitted on targets that reach
 * into this fold's test period would leak the future into the fit: refused too.
 */
import type { Fold, ModelSpec, TrainResult, UpstreamModel } from "../models/contract.ts";

export interface UpstreamCheck {
  /** The spec of the kind this node fits. */
  spec: ModelSpec<unknown>;
  fold: Fold;
  nodeId: string;
}

function isTrainResult(value: unknown): value is TrainResult {
  const result = value as TrainResult;
  return typeof value === "object" && value !== null && !Array.isArray(value) &&
    typeof result.model === "string" && typeof result.label === "string" &&
    typeof result.config === "object" && result.config !== null &&
    (result.weights === null || result.weights instanceof Uint8Array);
}

/**
 * Why an upstream fitted on targets up to `last` has seen rows this fold keeps from its fit,
 * or null: the first test target date of the fold, or, for a training view (no test
 * origins), anything after its last row.
 */
function leak(last: string, fold: Fold): string | null {
  const origins = fold.splits.test;
  if (origins.length > 0) {
    const testStart = fold.dates[Math.min(...origins) + 1];
    return last >= testStart ? `on or after ${testStart}, the first test date` : null;
  }
  const end = fold.dates[fold.dates.length - 1];
  return last > end ? `after ${end}, the last row of the training view` : null;
}

/** The upstream model for `FitOptions.upstream`, or undefined when the node has none. */
export function upstreamModel(
  upstream: unknown,
  { spec, fold, nodeId }: UpstreamCheck,
): UpstreamModel | undefined {
  if (upstream === undefined) return undefined;
  if (!spec.accepts?.upstream) {
    throw new Error(
      `${nodeId}: model kind "${spec.kind}" does not accept an upstream model (its ModelSpec ` +
        "does not declare accepts.upstream); remove the node's upstream input, or fit a kind " +
        "that accepts one",
    );
  }
  if (!isTrainResult(upstream)) {
    throw new Error(
      `${nodeId}: input "upstream" is not a train node's output (a TrainResult); connect it ` +
        "to a train node mapped over the same folds, not to a gathered or other node",
    );
  }
  const seen = upstream.trainSpan ? leak(upstream.trainSpan.last, fold) : null;
  if (seen !== null) {
    throw new Error(
      `${nodeId}: upstream ${upstream.label} (fold ${upstream.foldId}) was fitted on targets ` +
        `up to ${upstream.trainSpan!.last}, ${seen} of fold ${fold.id}: it has seen this ` +
        "fold's test period. Map the upstream node over the same fold axis (or fit it on " +
        "data that ends before the test period)",
    );
  }
  return {
    model: upstream.model,
    label: upstream.label,
    config: upstream.config,
    weights: upstream.weights,
  };
}
