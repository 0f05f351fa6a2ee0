/**
 * One training epoch of the shared trainer: mini-batches over a shuffled order, one
 * optimisation step each, the summed loss and gradient ratio kept on the device until the
 * end of the epoch (a read-back per step would stall webgpu).
 */
import * as tf from "@tensorflow/tfjs";
import { type StepOptions, trainStep } from "./train_step.ts";

export interface TensorSet {
  inputs: tf.Tensor[];
  /** [n, H] */
  target: tf.Tensor;
  /**
   * [n] training-only labels of an auxiliary loss (e.g. the volatility regime at the target
   * step), batched with the rows and handed to `auxiliaryLoss`; never a network input.
   */
  labels?: tf.Tensor;
}

function addInto(sum: tf.Scalar | null, term: tf.Scalar | null): tf.Scalar | null {
  if (!term) return sum;
  if (!sum) return term;
  const next = tf.add(sum, term) as tf.Scalar;
  tf.dispose([sum, term]);
  return next;
}

/** Yields to the event loop every ~50 ms so an abort or a Worker message gets through. */
export class Pacer {
  #last = performance.now();

  async yieldNow(): Promise<void> {
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    this.#last = performance.now();
  }

  async maybeYield(signal?: AbortSignal): Promise<void> {
    if (performance.now() - this.#last < 50) return;
    await this.yieldNow();
    signal?.throwIfAborted();
  }
}

/**
 * The rows `batch` of `x`. wasm's GatherV2 gets the shape of an empty input wrong ([n, 0]
 * gives [1, 1, b, 0]; a TFT without static or known variables has one), so make those.
 */
function rowsOf(x: tf.Tensor, batch: tf.Tensor1D): tf.Tensor {
  if (x.size > 0) return tf.gather(x, batch);
  return tf.zeros([batch.shape[0], ...x.shape.slice(1)]);
}

export interface EpochRun {
  train: TensorSet;
  order: number[];
  batchSize: number;
  stepOptions: StepOptions;
  pacer: Pacer;
  signal?: AbortSignal;
}

/** One pass over the training rows in `order`; returns the mean loss and grad ratio. */
export async function runEpoch(
  run: EpochRun,
): Promise<{ trainLoss: number; gradRatio: number | null }> {
  const { train, order, batchSize } = run;
  let lossSum: tf.Scalar | null = null;
  let ratioSum: tf.Scalar | null = null;
  let steps = 0;
  try {
    for (let start = 0; start < order.length; start += batchSize) {
      const batch = tf.tensor1d(order.slice(start, start + batchSize), "int32");
      const inputs = train.inputs.map((x) => rowsOf(x, batch));
      const target = tf.gather(train.target, batch);
      const labels = train.labels ? tf.gather(train.labels, batch) : undefined;
      const step = trainStep(run.stepOptions, inputs, target, labels);
      tf.dispose([batch, target, ...inputs, ...(labels ? [labels] : [])]);
      lossSum = addInto(lossSum, step.weightedLoss);
      ratioSum = addInto(ratioSum, step.gradRatio);
      steps++;
      await run.pacer.maybeYield(run.signal);
    }
    return {
      trainLoss: (await lossSum!.data())[0] / order.length,
      gradRatio: ratioSum ? (await ratioSum.data())[0] / steps : null,
    };
  } finally {
    tf.dispose([lossSum, ratioSum].filter((t): t is tf.Scalar => t !== null));
  }
}
