/**
 * The one training loop for every tfjs model (LSTM, CLS Transformer, TFT).
 *
 * Per epoch: a seeded shuffle, mini-batches (the partial last batch is kept), Adam with
 * optional decoupled weight decay and global-norm clipping; then validation loss and the
 * collapse diagnostics of {@link EpochRecord}; reduce-on-plateau on the validation loss;
 * checkpoint selection and early stopping on the configured criterion. The selected
 * epoch's weights are restored at the end; with `keepCheckpoints` the best weights under
 * other rules are handed back too (`rule_keepers.ts`). Without a validation set every criterion falls
 * back to the training loss (lowest wins) and the diagnostics are null.
 *
 * Targets are whatever the network trains on. A network that standardises raw returns
 * internally declares `targetScale`; the diagnostics (directional accuracy, share long)
 * are then computed on the raw scale, where the sign of a return means something.
 *
 * Values are read back with `await data()`, never `dataSync()`: the webgpu backend reads
 * synchronously through an OffscreenCanvas, which Deno does not have.
 */
import * as tf from "@tensorflow/tfjs";
import type { EpochRecord, FitOptions } from "../contract.ts";
import { compositeScore } from "./checkpoint_rules.ts";
import { Pacer, runEpoch, type TensorSet } from "./epoch.ts";
import { FlatAdam } from "./flat_adam.ts";
import { type PointDiagnostics, pointDiagnostics } from "./diagnostics.ts";
import { gradientGroups } from "./grad_norms.ts";
import type { LossFunction } from "./losses.ts";
import { PlateauSchedule } from "./plateau.ts";
import { predictInChunks } from "./predict.ts";
import { type KeptCheckpoint, RuleKeepers } from "./rule_keepers.ts";
import { SeededRandom } from "./rng.ts";
import { checkTrainerConfig, type TrainerConfig } from "./trainer_config.ts";
import { patchWasmSlicingIfActive } from "./wasm_slice_fix.ts";

export type { CheckpointSelection, PlateauConfig, TrainerConfig } from "./trainer_config.ts";
export type { TensorSet } from "./epoch.ts";
export type { KeptCheckpoint } from "./rule_keepers.ts";
export { trainerConfigSchema } from "./trainer_config.ts";

export interface TrainableNetwork {
  /** Weights are snapshotted and restored through it. */
  model: tf.LayersModel;
  /** Raw output, [b, H] or [b, H, Q]. */
  predict(inputs: tf.Tensor[], training: boolean): tf.Tensor;
  /**
   * Extra training loss terms of the training forward pass just run, given the batch
   * target and training-only labels (`TensorSet.labels`: load balancing, auxiliary heads);
   * added to the loss in training only.
   */
  auxiliaryLoss?(target: tf.Tensor, labels?: tf.Tensor): tf.Scalar | null;
  /** [b, H] point forecast (e.g. the median quantile). */
  point(output: tf.Tensor): tf.Tensor;
  /** Output layer, for the gradient-norm diagnostic. */
  outputVariables: tf.Variable[];
  /** Encoder, same. */
  encoderVariables: tf.Variable[];
  /** Set when targets are standardised: raw = value · std + mean (for the diagnostics). */
  targetScale?: { mean: number; std: number };
}

export interface TrainOutcome {
  history: EpochRecord[];
  selectedEpoch: number | null;
  /**
   * The best weights under each rule of `config.keepCheckpoints` other than the own one
   * (empty without it); the caller owns and disposes the tensors.
   */
  kept: KeptCheckpoint[];
}

export interface TrainOptions {
  config: TrainerConfig;
  loss: LossFunction;
  seed: number;
  onEpoch?: FitOptions["onEpoch"];
  signal?: AbortSignal;
}

interface Evaluation {
  loss: number;
  diagnostics: PointDiagnostics;
}

function checkSet(set: TensorSet, name: string): number {
  if (set.target.rank !== 2) {
    throw new Error(`trainNetwork: ${name} target must be [n, horizon], got [${set.target.shape}]`);
  }
  const n = set.target.shape[0];
  set.inputs.forEach((x, i) => {
    if (x.shape[0] !== n) {
      throw new Error(`trainNetwork: ${name} input ${i} has ${x.shape[0]} rows, target has ${n}`);
    }
  });
  if (set.labels && set.labels.shape[0] !== n) {
    throw new Error(
      `trainNetwork: ${name} labels have ${set.labels.shape[0]} rows, target has ${n}`,
    );
  }
  return n;
}

/** Values on the raw return scale (see {@link TrainableNetwork.targetScale}). */
function toRaw(network: TrainableNetwork, x: Float32Array): Float32Array {
  const scale = network.targetScale;
  return scale ? x.map((v) => v * scale.std + scale.mean) : x;
}

/** `rawTarget` is the set's target on the raw scale, read once since it never changes. */
async function evaluate(
  network: TrainableNetwork,
  set: TensorSet,
  rawTarget: Float32Array,
  loss: LossFunction,
): Promise<Evaluation> {
  const [lossTensor, pointTensor] = tf.tidy(() => {
    const output = predictInChunks((x) => network.predict(x, false), set.inputs);
    return [loss(set.target, output), network.point(output)];
  });
  try {
    const value = (await lossTensor.data())[0];
    const point = await pointTensor.data() as Float32Array;
    return { loss: value, diagnostics: pointDiagnostics(toRaw(network, point), rawTarget) };
  } finally {
    tf.dispose([lossTensor, pointTensor]);
  }
}

export async function trainNetwork(
  network: TrainableNetwork,
  data: { train: TensorSet; validation: TensorSet | null },
  options: TrainOptions,
): Promise<TrainOutcome> {
  const { config, loss, signal } = options;
  checkTrainerConfig(config);
  patchWasmSlicingIfActive(); // identical results, far faster sequence slicing on wasm
  const n = checkSet(data.train, "train");
  if (n === 0) throw new Error("trainNetwork: the training set is empty");
  const validation = data.validation && checkSet(data.validation, "validation") > 0
    ? data.validation
    : null;
  const rawTarget = validation
    ? toRaw(network, await validation.target.data() as Float32Array)
    : null;
  const variables = network.model.trainableWeights.map((w) => w.read() as tf.Variable);
  const groups = gradientGroups(variables, network);
  const shuffler = new SeededRandom(options.seed).fork("trainer.shuffle");
  const optimizer = new FlatAdam(variables, { learningRate: config.learningRate });
  const plateau = new PlateauSchedule(config.plateau, config.learningRate);
  const checkpoints = new RuleKeepers(config);
  const history: EpochRecord[] = [];
  const pacer = new Pacer();
  try {
    for (let epoch = 1; epoch <= config.epochs; epoch++) {
      signal?.throwIfAborted();
      const started = performance.now();
      const learningRate = plateau.learningRate;
      optimizer.learningRate = learningRate;
      const stepOptions = { ...config, network, loss, optimizer, variables, groups, learningRate };
      const order = shuffler.shuffle(Array.from({ length: n }, (_, i) => i));
      const { trainLoss, gradRatio } = await runEpoch({
        train: data.train,
        order,
        batchSize: config.batchSize,
        stepOptions,
        pacer,
        signal,
      });
      if (!Number.isFinite(trainLoss)) {
        throw new Error(
          `training diverged at epoch ${epoch}: training loss is ${trainLoss}; lower learningRate or set clipNorm`,
        );
      }
      const val = validation && rawTarget
        ? await evaluate(network, validation, rawTarget, loss)
        : null;
      const scores = val && { loss: val.loss, ...val.diagnostics };
      checkpoints.offer(epoch, trainLoss, scores, network.model);
      const record: EpochRecord = {
        epoch,
        trainLoss,
        validationLoss: val?.loss ?? null,
        validationDirectionalAccuracy: val?.diagnostics.directionalAccuracy ?? null,
        predictionStdRatio: val?.diagnostics.predictionStdRatio ?? null,
        shareLong: val?.diagnostics.shareLong ?? null,
        compositeScore: val ? compositeScore(val.diagnostics) : null,
        outputToEncoderGradRatio: gradRatio,
        learningRate,
      };
      history.push(record);
      options.onEpoch?.(record, config.epochs, (performance.now() - started) / 1000);
      plateau.observe(val?.loss ?? trainLoss);
      if (checkpoints.closeStale(epoch, network.model)) break;
      await pacer.yieldNow();
    }
    const kept = checkpoints.takeKept(network.model);
    checkpoints.restoreOwn(network.model);
    return { history, selectedEpoch: checkpoints.selectedEpoch, kept };
  } finally {
    checkpoints.dispose();
    optimizer.dispose();
  }
}
