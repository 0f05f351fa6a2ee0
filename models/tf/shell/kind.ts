/**
 * What a TensorFlow.js model kind declares to run on the one neural shell
 * ({@link NeuralModel}): which input groups of a fold its network reads, how it builds the
 * network (and wraps a reloaded one), its loss and trainer settings, whether its output
 * carries quantiles, and whether it can start from an upstream model (fine-tuning).
 * Everything else (windows, checks, target scaling, training, chunked prediction,
 * save/load, upstream weights and frozen backbones) is the shell's.
 */
import * as tf from "@tensorflow/tfjs";
import type { Fold } from "../../contract.ts";
import type { LossConfig } from "../losses.ts";
import type { TrainerConfig } from "../trainer.ts";

/** A fold's input groups; a network receives the groups it reads in this order. */
export type InputGroup = "static" | "past" | "known";
export const INPUT_GROUPS: readonly InputGroup[] = ["static", "past", "known"];

/** Sizes a network is built for (one fold's): static [S], past [L, P], known [L + H, F]. */
export interface NeuralShape {
  staticSize: number;
  pastSize: number;
  knownSize: number;
  encoderLength: number;
  horizon: number;
}

/** A built or reloaded network as the shell drives it. */
export interface Network {
  /** Inputs named after the groups read, in {@link INPUT_GROUPS} order; saved and restored. */
  model: tf.LayersModel;
  /** Raw output, [b, H] or [b, H, Q], of the input tensors of the groups read. */
  forward(inputs: tf.Tensor[], training: boolean): tf.Tensor;
  /**
   * Extra training loss terms of the training forward pass just run (load balancing,
   * auxiliary heads), given the batch target in training space and the target scale.
   */
  auxiliaryLoss?(
    target: tf.Tensor,
    scale: { mean: number; std: number },
    labels?: tf.Tensor,
  ): tf.Scalar | null;
  /** The output layer's and the encoder's variables, for the gradient-norm diagnostic. */
  outputVariables: tf.Variable[];
  encoderVariables: tf.Variable[];
}

/** How a kind uses an upstream model handed to `fit` (`FitOptions.upstream`). */
export interface UpstreamUse {
  /** Weight-name prefixes of the head (the part that is always trained). */
  head: readonly string[];
  /** Freeze every other weight (the backbone) at its upstream value; else fine-tune all. */
  freezeBackbone: boolean;
}

export interface NeuralKind {
  kind: string;
  /** The model's seed (derived from the run seed and the kind). */
  seed: number;
  /** The backend the run expects tfjs to be on ("wasm" | "wasm-fma" | "webgpu" | "cpu"). */
  backend: string;
  /** Input groups the network reads (any non-empty subset, in {@link INPUT_GROUPS} order). */
  reads: readonly InputGroup[];
  trainer: TrainerConfig;
  loss: LossConfig;
  /** Train on (y − mean) / std of the training targets and map predictions back. */
  scaleTargets: boolean;
  /** Levels on the output's last axis (0.5 is the point forecast); null: one point output. */
  quantiles: readonly number[] | null;
  /** The network for a fold's sizes; `fold` for kinds whose options read it (e.g. a regime). */
  build(shape: NeuralShape, seed: number, fold: Fold): Network;
  /** Wraps a reloaded model; throws (naming what differs) when it does not fit the config. */
  restore(model: tf.LayersModel): Network;
  /** Set when the kind accepts an upstream model (its ModelSpec has `accepts.upstream`). */
  upstream?: UpstreamUse;
  /**
   * Training-only labels of the fit's windows ([n], one per origin), handed to the
   * network's `auxiliaryLoss` with each batch: from data the fold carries for labels
   * (`Fold.labelSeries`), never a network input, so they may be at the target step.
   */
  trainingLabels?(fold: Fold, origins: Int32Array): Float32Array;
}

function variablesOf(model: tf.LayersModel, layers: string[]): tf.Variable[] {
  return layers.flatMap((name) => {
    if (!model.layers.some((layer) => layer.name === name)) {
      throw new Error(
        `model "${model.name}" has no layer "${name}"; load it with the config it was trained ` +
          "with (TrainResult.config)",
      );
    }
    return model.getLayer(name).trainableWeights.map((w) => w.read() as tf.Variable);
  });
}

/** A {@link Network} over a model built from tfjs layers, its diagnostic groups by layer. */
export function layersNetwork(
  model: tf.LayersModel,
  layers: { output: string[]; encoder: string[] },
): Network {
  return {
    model,
    forward: (inputs, training) =>
      model.apply(inputs.length === 1 ? inputs[0] : inputs, { training }) as tf.Tensor,
    outputVariables: variablesOf(model, layers.output),
    encoderVariables: variablesOf(model, layers.encoder),
  };
}
