/**
 * The TFT as a {@link ForecastModel}: fit on a fold through the shared trainer, predict all
 * quantiles (the 0.5 quantile is the point forecast), explain, save and restore.
 *
 * Targets: with `targetScaling: "standard"` the network trains on (y − mean) / std of the
 * training targets and predictions are mapped back to raw returns; the trainer's collapse
 * diagnostics are computed on the raw scale. The scale and the fold's variable names travel
 * with the saved weights as model metadata (fitted.ts).
 */
import * as tf from "@tensorflow/tfjs";
import type {
  Explanation,
  FitOptions,
  FitReport,
  Fold,
  Forecast,
  ForecastModel,
  ModelContext,
  SplitName,
} from "../contract.ts";
import { type LossConfig, makeLoss } from "../tf/losses.ts";
import { predictRaw } from "../tf/predict.ts";
import { seedFrom } from "../tf/rng.ts";
import { requireBackend } from "../tf/active_backend.ts";
import { fitNetwork, fitWindows } from "../tf/fit_network.ts";
import { type TargetScale, targetScaleOf } from "../tf/window_data.ts";
import type { Windows } from "../windows.ts";
import { buildTft, trainableTft } from "./build.ts";
import type { TftConfig } from "./config.ts";
import { explainTft } from "./explain.ts";
import {
  type FittedTft,
  layoutOf,
  loadFitted,
  requireSameLayout,
  saveFitted,
  shapeOf,
} from "./fitted.ts";
import { TFT_KIND, tftInputs, tftWindows } from "./inputs.ts";
import type { AttentionMaskVariant } from "./mask.ts";
import type { TftHyperparameters } from "./network.ts";

export function tftHyperparameters(config: TftConfig): TftHyperparameters {
  return {
    hiddenSize: config.hiddenSize,
    heads: config.attentionHeads,
    hiddenContinuousSize: config.hiddenContinuousSize,
    dropout: config.dropout,
    lstmLayers: config.lstmLayers,
    outputSize: config.loss === "quantile" ? config.quantiles.length : 1,
    attentionMask: config.attentionMask as AttentionMaskVariant,
  };
}

function lossConfig(config: TftConfig): LossConfig {
  return { name: config.loss, quantiles: config.quantiles, varianceWeight: config.varianceWeight };
}

function scaleOf(config: TftConfig, fold: Fold, train: Windows): TargetScale {
  return config.targetScaling === "standard"
    ? targetScaleOf(TFT_KIND, fold, train)
    : { mean: 0, std: 1 };
}

export class TftModel implements ForecastModel {
  #fitted: FittedTft | null;

  constructor(
    readonly config: TftConfig,
    readonly context: ModelContext,
    restored: FittedTft | null = null,
  ) {
    this.#fitted = restored;
  }

  /** Index of the point forecast among the outputs (the 0.5 quantile). */
  get pointIndex(): number {
    return this.config.loss === "quantile" ? this.config.quantiles.indexOf(0.5) : 0;
  }

  async fit(fold: Fold, options: FitOptions = {}): Promise<FitReport> {
    requireBackend(TFT_KIND, this.context.backend);
    const { train, validation } = fitWindows(
      TFT_KIND,
      fold,
      (split) => tftWindows(fold, split, true),
    );
    const scale = scaleOf(this.config, fold, train);
    this.dispose();
    const seed = seedFrom(this.context.seed, TFT_KIND);
    const built = buildTft(shapeOf(fold), tftHyperparameters(this.config), seedFrom(seed, "init"));
    const report = await fitNetwork({
      network: trainableTft(built, this.pointIndex, scale),
      train,
      validation,
      scale,
      inputsOf: (windows) => tftInputs(fold, windows),
      training: {
        config: this.config.training,
        loss: makeLoss(lossConfig(this.config)),
        seed: seedFrom(seed, "train"),
        onEpoch: options.onEpoch,
        signal: options.signal,
      },
    });
    this.#fitted = { built, scale, layout: layoutOf(fold) };
    return report;
  }

  /** The trained network, checked against the fold it is asked to read. */
  #fittedFor(fold: Fold): FittedTft {
    const fitted = this.#fitted;
    if (!fitted) throw new Error(`${TFT_KIND}: call fit(fold) (or load) before predict or explain`);
    requireBackend(TFT_KIND, this.context.backend);
    requireSameLayout(fitted, fold);
    return fitted;
  }

  async predict(fold: Fold, split: SplitName): Promise<Forecast> {
    const fitted = this.#fittedFor(fold);
    const windows = tftWindows(fold, split, false);
    const { horizon } = fold;
    const outputs = fitted.built.layer.hyper.outputSize;
    const raw = new Float32Array(windows.n * horizon * outputs);
    if (windows.n > 0) {
      const inputs = tftInputs(fold, windows);
      try {
        raw.set(
          await predictRaw(
            (x) => fitted.built.layer.forward(x, false).output,
            inputs,
            fitted.scale,
          ),
        );
      } finally {
        tf.dispose(inputs);
      }
    }
    const point = new Float32Array(windows.n * horizon);
    for (let i = 0; i < point.length; i++) point[i] = raw[i * outputs + this.pointIndex];
    const forecast: Forecast = { split, origins: windows.origins, horizon, point };
    if (this.config.loss === "quantile") {
      forecast.quantiles = { levels: [...this.config.quantiles], values: raw };
    }
    return forecast;
  }

  async explain(fold: Fold, split: SplitName): Promise<Explanation> {
    const fitted = this.#fittedFor(fold);
    const windows = tftWindows(fold, split, false);
    const inputs = tftInputs(fold, windows);
    try {
      return await explainTft(
        fitted.built.layer,
        fold,
        inputs,
        windows.origins,
        this.config.attentionPerSample,
      );
    } finally {
      tf.dispose(inputs);
    }
  }

  async save(): Promise<Uint8Array> {
    if (!this.#fitted) throw new Error(`${TFT_KIND}: nothing to save before fit`);
    return await saveFitted(this.#fitted);
  }

  dispose(): void {
    this.#fitted?.built.model.dispose();
    this.#fitted = null;
  }
}

/**
 * Restores a model written by {@link TftModel.save}. The config must be the one it was
 * trained with: another loss or size would read the outputs wrongly (the 0.1 quantile as
 * the point forecast, say), so a difference is an error naming the fields.
 */
export async function loadTft(
  config: TftConfig,
  context: ModelContext,
  saved: Uint8Array,
): Promise<TftModel> {
  const fitted = await loadFitted(saved);
  const expected = tftHyperparameters(config);
  const stored = fitted.built.layer.hyper;
  const differences = (Object.keys(expected) as (keyof TftHyperparameters)[])
    .filter((key) => expected[key] !== stored[key])
    .map((key) =>
      `${key} ${JSON.stringify(stored[key])} (config: ${JSON.stringify(expected[key])})`
    );
  if (differences.length > 0) {
    fitted.built.model.dispose();
    throw new Error(
      `${TFT_KIND}: the saved network does not match the config: ${differences.join(", ")}; ` +
        "load it with the config it was trained with (TrainResult.config)",
    );
  }
  return new TftModel(config, context, fitted);
}
