/**
 * The one {@link ForecastModel} behind every TensorFlow.js kind (TFT, LSTM, CLS Transformer
 * and the covariate-aware kinds to come). A kind declares a {@link NeuralKind}: the input
 * groups it reads, how it builds its network, its loss and whether it takes an upstream
 * model; the shell fits it through the shared trainer, predicts in chunks (the point
 * forecast, and the quantiles when the output carries them), saves and restores it.
 *
 * Targets: with `scaleTargets` the network trains on (y − mean) / std of the training
 * targets and predictions are mapped back to raw returns; the trainer's collapse
 * diagnostics use the raw scale. `fit` always builds a fresh network from the kind's seed
 * (with an upstream model, initialised from it); a loaded model predicts and explains.
 */
import * as tf from "@tensorflow/tfjs";
import type {
  FitOptions,
  FitReport,
  Fold,
  Forecast,
  ForecastModel,
  SplitName,
} from "../../contract.ts";
import type { Windows } from "../../windows.ts";
import { requireBackend } from "../active_backend.ts";
import { fitNetwork, fitWindows } from "../fit_network.ts";
import { makeLoss } from "../losses.ts";
import { predictRaw } from "../predict.ts";
import { seedFrom } from "../rng.ts";
import type { TrainableNetwork } from "../trainer.ts";
import { type TargetScale, targetScaleOf } from "../window_data.ts";
import { patchWasmSlicingIfActive } from "../wasm_slice_fix.ts";
import { disposeFitted, type Fitted, loadFitted, requireSameLayout, saveFitted } from "./fitted.ts";
import { inputTensors, layoutOf, neuralWindows, shapeOf } from "./inputs.ts";
import type { Network, NeuralKind } from "./kind.ts";
import { initialiseFromUpstream, withFrozen } from "./upstream.ts";

/** [b, H, Q] → [b, H]: the output at `pointIndex` on the last axis; [b, H] passes through. */
export function pointOf(output: tf.Tensor, pointIndex: number): tf.Tensor {
  if (output.rank !== 3) return output;
  return tf.tidy(() => {
    const [b, h] = output.shape;
    return tf.reshape(tf.slice(output, [0, 0, pointIndex], [b, h, 1]), [b, h]);
  });
}

/** Index of the point forecast among the outputs (the 0.5 quantile, else 0). */
export function pointIndexOf(kind: NeuralKind): number {
  return kind.quantiles ? kind.quantiles.indexOf(0.5) : 0;
}

/** The network as the shared trainer drives it. */
export function trainable(
  network: Network,
  pointIndex: number,
  targetScale: TargetScale,
): TrainableNetwork {
  return {
    model: network.model,
    predict: (inputs, training) => network.forward(inputs, training),
    point: (output) => pointOf(output, pointIndex),
    ...(network.auxiliaryLoss
      ? {
        auxiliaryLoss: (target: tf.Tensor, labels?: tf.Tensor) =>
          network.auxiliaryLoss!(target, targetScale, labels),
      }
      : {}),
    outputVariables: network.outputVariables,
    encoderVariables: network.encoderVariables,
    targetScale,
  };
}

export class NeuralModel implements ForecastModel {
  #fitted: Fitted | null;

  constructor(readonly spec: NeuralKind, restored: Fitted | null = null) {
    this.#fitted = restored;
  }

  /** Restores what {@link NeuralModel.save} wrote for `spec`. */
  static async loaded(spec: NeuralKind, saved: Uint8Array): Promise<Fitted> {
    return await loadFitted(spec.kind, saved, spec.restore);
  }

  #windows(fold: Fold, split: SplitName, withTarget: boolean): Windows {
    return neuralWindows(this.spec.kind, this.spec.reads, fold, split, withTarget);
  }

  async fit(fold: Fold, options: FitOptions = {}): Promise<FitReport> {
    const { kind, reads } = this.spec;
    requireBackend(kind, this.spec.backend);
    if (options.upstream && !this.spec.upstream) {
      throw new Error(`${kind}: this kind takes no upstream model; remove the upstream edge`);
    }
    const { train, validation } = fitWindows(kind, fold, (s) => this.#windows(fold, s, true));
    const scale = this.spec.scaleTargets ? targetScaleOf(kind, fold, train) : { mean: 0, std: 1 };
    this.dispose();
    const network = this.spec.build(shapeOf(fold), seedFrom(this.spec.seed, "init"), fold);
    let frozen: tf.LayerVariable[] = [];
    if (options.upstream && this.spec.upstream) {
      try {
        frozen = await initialiseFromUpstream(
          kind,
          network.model,
          options.upstream,
          this.spec.upstream,
        );
      } catch (error) {
        network.model.dispose();
        throw error;
      }
    }
    const { report, kept } = await withFrozen(frozen, () =>
      fitNetwork({
        network: trainable(network, pointIndexOf(this.spec), scale),
        train,
        validation,
        scale,
        inputsOf: (windows) => inputTensors(reads, fold, windows),
        ...(this.spec.trainingLabels
          ? {
            labelsOf: (windows: Windows) =>
              tf.tensor1d(this.spec.trainingLabels!(fold, windows.origins)),
          }
          : {}),
        training: {
          config: this.spec.trainer,
          loss: makeLoss(this.spec.loss, {
            pointIndex: pointIndexOf(this.spec),
            zero: -scale.mean / scale.std,
          }),
          seed: seedFrom(this.spec.seed, "train"),
          onEpoch: options.onEpoch,
          signal: options.signal,
        },
      }));
    const checkpoints = kept.length > 0
      ? { own: this.spec.trainer.checkpointSelection, selectedEpoch: report.selectedEpoch, kept }
      : undefined;
    this.#fitted = { network, scale, layout: layoutOf(reads, fold), checkpoints };
    return report;
  }

  /** The trained network, checked against the fold it is asked to read. */
  protected fittedFor(fold: Fold): Fitted {
    const { kind } = this.spec;
    const fitted = this.#fitted;
    if (!fitted) throw new Error(`${kind}: call fit(fold) (or load) before predict or explain`);
    requireBackend(kind, this.spec.backend);
    requireSameLayout(kind, this.spec.reads, fitted, fold);
    return fitted;
  }

  /** Checked windows of `split` (no targets) and their input tensors (the caller disposes). */
  protected inputsFor(fold: Fold, split: SplitName): { windows: Windows; inputs: tf.Tensor[] } {
    const windows = this.#windows(fold, split, false);
    return { windows, inputs: inputTensors(this.spec.reads, fold, windows) };
  }

  async predict(fold: Fold, split: SplitName): Promise<Forecast> {
    const fitted = this.fittedFor(fold);
    const { windows, inputs } = this.inputsFor(fold, split);
    const { horizon } = fold;
    const output = fitted.network.model.outputs[0].shape;
    const outputs = output.length === 3 ? output[2] as number : 1;
    const raw = new Float32Array(windows.n * horizon * outputs);
    try {
      if (windows.n > 0) {
        patchWasmSlicingIfActive(); // identical results, far faster sequence slicing on wasm
        const forward = (x: tf.Tensor[]) => fitted.network.forward(x, false);
        raw.set(await predictRaw(forward, inputs, fitted.scale));
      }
    } finally {
      tf.dispose(inputs);
    }
    const pointIndex = pointIndexOf(this.spec);
    const point = new Float32Array(windows.n * horizon);
    for (let i = 0; i < point.length; i++) point[i] = raw[i * outputs + pointIndex];
    const forecast: Forecast = { split, origins: windows.origins, horizon, point };
    if (this.spec.quantiles) {
      forecast.quantiles = { levels: [...this.spec.quantiles], values: raw };
    }
    return forecast;
  }

  async save(): Promise<Uint8Array> {
    if (!this.#fitted) throw new Error(`${this.spec.kind}: nothing to save before fit`);
    return await saveFitted(this.spec.kind, this.#fitted);
  }

  dispose(): void {
    if (this.#fitted) disposeFitted(this.#fitted);
    this.#fitted = null;
  }
}
