/**
 * The {@link ForecastModel} behind every point-forecast tfjs network that reads the past
 * window of a fold (LSTM, CLS Transformer): fit through the shared trainer, predict in
 * chunks, save and restore. A model supplies only `build`, which makes the network.
 *
 * Targets are standardised with the training split's mean and std (networks learn faster
 * on unit-scale targets than on raw returns of ~1%); predictions are mapped back to raw
 * returns, and the trainer's diagnostics use the raw scale via `targetScale`. The scale and
 * the input layout travel with the saved weights as model metadata. `fit` always trains a
 * fresh network from the model's seed (a loaded model is for predicting and explaining).
 */
import * as tf from "@tensorflow/tfjs";
import type {
  FitOptions,
  FitReport,
  Fold,
  Forecast,
  ForecastModel,
  SplitName,
} from "../contract.ts";
import { requireBackend } from "./active_backend.ts";
import { fitNetwork, fitWindows } from "./fit_network.ts";
import { type LossConfig, makeLoss } from "./losses.ts";
import { predictRaw } from "./predict.ts";
import { seedFrom } from "./rng.ts";
import { loadWithMetadata, type SavedMetadata, saveWithMetadata } from "./serialize.ts";
import type { TrainerConfig } from "./trainer.ts";
import { patchWasmSlicingIfActive } from "./wasm_slice_fix.ts";
import { checkedWindows, pastTensor, type TargetScale, targetScaleOf } from "./window_data.ts";

export interface WindowShape {
  steps: number;
  features: number;
  horizon: number;
}

export interface BuiltNetwork {
  /** Input [b, steps, features] → output [b, horizon] (standardised returns). */
  model: tf.LayersModel;
  /** Layers whose gradient norms form the output/encoder diagnostic. */
  outputLayers: string[];
  encoderLayers: string[];
}

export interface WindowModelOptions {
  kind: string;
  /** The model's seed (derive it from the run seed and the kind). */
  seed: number;
  /** The backend the run expects tfjs to be on ("wasm" | "webgpu" | "cpu"). */
  backend: string;
  trainer: TrainerConfig;
  loss: LossConfig;
  build(shape: WindowShape, seed: number): BuiltNetwork;
}

export interface FittedNetwork {
  model: tf.LayersModel;
  scale: TargetScale;
  shape: WindowShape;
  pastNames: string[];
}

interface WindowMetadata extends SavedMetadata, WindowShape, TargetScale {
  pastNames: string[];
}

function variablesOf(model: tf.LayersModel, layers: string[]): tf.Variable[] {
  return layers.flatMap((name) =>
    model.getLayer(name).trainableWeights.map((w) => w.read() as tf.Variable)
  );
}

export class WindowNetworkModel implements ForecastModel {
  #fitted: FittedNetwork | null;

  constructor(readonly options: WindowModelOptions, restored: FittedNetwork | null = null) {
    this.#fitted = restored;
  }

  async fit(fold: Fold, fitOptions: FitOptions = {}): Promise<FitReport> {
    const { kind } = this.options;
    requireBackend(kind, this.options.backend);
    const { train, validation } = fitWindows(
      kind,
      fold,
      (split) => checkedWindows(kind, fold, split, true),
    );
    const scale = targetScaleOf(kind, fold, train);
    const shape = { steps: fold.encoderLength, features: fold.past.cols, horizon: fold.horizon };
    this.dispose();
    const built = this.options.build(shape, seedFrom(this.options.seed, "init"));
    const report = await fitNetwork({
      network: {
        model: built.model,
        predict: (inputs, training) => built.model.apply(inputs[0], { training }) as tf.Tensor,
        point: (output) => output,
        outputVariables: variablesOf(built.model, built.outputLayers),
        encoderVariables: variablesOf(built.model, built.encoderLayers),
        targetScale: scale,
      },
      train,
      validation,
      scale,
      inputsOf: (windows) => [pastTensor(windows, shape.features)],
      training: {
        config: this.options.trainer,
        loss: makeLoss(this.options.loss),
        seed: seedFrom(this.options.seed, "train"),
        onEpoch: fitOptions.onEpoch,
        signal: fitOptions.signal,
      },
    });
    this.#fitted = { model: built.model, scale, shape, pastNames: [...fold.pastNames] };
    return report;
  }

  /** The trained network, checked against the fold it is asked to read. */
  protected fittedFor(fold: Fold): FittedNetwork {
    const kind = this.options.kind;
    const fitted = this.#fitted;
    if (!fitted) throw new Error(`${kind}: call fit(fold) (or load) before predict or explain`);
    requireBackend(kind, this.options.backend);
    const { steps, horizon } = fitted.shape;
    const names = fitted.pastNames.join(", ");
    if (
      fold.encoderLength !== steps || fold.horizon !== horizon ||
      fold.pastNames.join(", ") !== names
    ) {
      throw new Error(
        `${kind}: the network was trained on encoder ${steps}, horizon ${horizon}, past features ` +
          `[${names}] but fold ${fold.id} has encoder ${fold.encoderLength}, horizon ${fold.horizon}, ` +
          `past features [${fold.pastNames.join(", ")}]`,
      );
    }
    return fitted;
  }

  async predict(fold: Fold, split: SplitName): Promise<Forecast> {
    const fitted = this.fittedFor(fold);
    const windows = checkedWindows(this.options.kind, fold, split, false);
    const { horizon, features } = fitted.shape;
    if (windows.n === 0) {
      return { split, origins: windows.origins, horizon, point: new Float32Array(0) };
    }
    patchWasmSlicingIfActive();
    const inputs = [pastTensor(windows, features)];
    try {
      const point = await predictRaw(
        (x) => fitted.model.apply(x[0], { training: false }) as tf.Tensor,
        inputs,
        fitted.scale,
      );
      return { split, origins: windows.origins, horizon, point };
    } finally {
      tf.dispose(inputs);
    }
  }

  async save(): Promise<Uint8Array> {
    const fitted = this.#fitted;
    if (!fitted) throw new Error(`${this.options.kind}: nothing to save before fit`);
    const metadata: WindowMetadata = {
      kind: this.options.kind,
      ...fitted.shape,
      ...fitted.scale,
      pastNames: fitted.pastNames,
    };
    return await saveWithMetadata(fitted.model, metadata);
  }

  dispose(): void {
    this.#fitted?.model.dispose();
    this.#fitted = null;
  }
}

/** Restores what {@link WindowNetworkModel.save} wrote, checking it is a `kind` model. */
export async function loadFittedNetwork(kind: string, saved: Uint8Array): Promise<FittedNetwork> {
  const { model, metadata } = await loadWithMetadata<WindowMetadata>(kind, saved);
  const { steps, features, horizon, mean, std, pastNames } = metadata;
  return { model, scale: { mean, std }, shape: { steps, features, horizon }, pastNames };
}
