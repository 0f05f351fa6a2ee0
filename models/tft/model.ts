/**
 * The TFT on the neural shell: it reads every input group (static, past, known-future),
 * predicts all quantiles (the 0.5 quantile is the point forecast), explains its attention
 * and variable selection, and accepts an upstream model (a TFT train node upstream: with
 * `fineTune: "head"` only the output layer trains).
 *
 * Targets: with `targetScaling: "standard"` the network trains on (y − mean) / std of the
 * training targets and predictions are mapped back to raw returns.
 */
import * as tf from "@tensorflow/tfjs";
import type { Explanation, Fold, ModelContext, SplitName } from "../contract.ts";
import type { LossConfig } from "../tf/losses.ts";
import { seedFrom } from "../tf/rng.ts";
import type { Fitted } from "../tf/shell/fitted.ts";
import type { NeuralKind } from "../tf/shell/kind.ts";
import { NeuralModel } from "../tf/shell/model.ts";
import { buildTft, TFT_LAYER_NAME, TFT_READS, tftLayerOf, tftNetwork } from "./build.ts";
import { type TftConfig, tftKind } from "./config.ts";
import { explainTft } from "./explain.ts";
import type { AttentionMaskVariant } from "./mask.ts";
import type { TftFoldInputs, TftHyperparameters } from "./network.ts";
import { regimeInputOf } from "./origin_regime.ts";
import type { TftLossTerms } from "./auxiliary_loss.ts";
import { auxiliaryClassCount, expertCount } from "./interventions.ts";
import { volRegimeLabels } from "./vol_regime_labels.ts";

const TFT_KIND = tftKind.kind;

export function tftHyperparameters(config: TftConfig): TftHyperparameters {
  return {
    hiddenSize: config.hiddenSize,
    heads: config.attentionHeads,
    hiddenContinuousSize: config.hiddenContinuousSize,
    dropout: config.dropout,
    lstmLayers: config.lstmLayers,
    outputSize: config.loss === "quantile" ? config.quantiles.length : 1,
    attentionMask: config.attentionMask as AttentionMaskVariant,
    ...(config.regimeAttention
      ? { regimeAttention: config.regimeAttention.thresholds.length + 1 }
      : {}),
    ...(config.regimeOutput
      ? {
        outputExperts: expertCount(config.regimeOutput),
        outputRouting: config.regimeOutput.routing,
      }
      : {}),
    ...(config.auxiliaryHead
      ? { auxiliaryClasses: auxiliaryClassCount(config.auxiliaryHead) }
      : {}),
    ...(config.stalenessAttention ? { stalenessWeight: config.stalenessAttention.weight } : {}),
  };
}

/** The extra training loss terms the config turns on. */
export function tftLossTerms(config: TftConfig): TftLossTerms {
  const output = config.regimeOutput;
  const aux = config.auxiliaryHead;
  return {
    balanceWeight: output?.routing === "learned" ? output.balanceWeight : 0,
    auxiliary: aux
      ? {
        weight: aux.weight,
        deadBand: aux.target === "direction" ? 0 : aux.deadBand,
        fromLabels: aux.target === "vol-regime",
      }
      : null,
  };
}

/** What the fold fixes for the interventions that read it. */
export function tftFoldInputs(config: TftConfig, fold: Fold): TftFoldInputs {
  const inputs: TftFoldInputs = {};
  const rule = config.regimeAttention;
  if (rule) inputs.regimeAttentionInput = regimeInputOf(fold, rule, "regimeAttention");
  const output = config.regimeOutput;
  if (output?.routing === "regime") {
    inputs.regimeOutputInput = regimeInputOf(fold, output, "regimeOutput");
  }
  const stale = config.stalenessAttention;
  if (stale) inputs.stalenessInput = { index: pastColumn(fold, stale.feature) };
  return inputs;
}

function pastColumn(fold: Fold, feature: string): number {
  const index = fold.pastNames.indexOf(feature);
  if (index < 0) {
    throw new Error(
      `tft stalenessAttention: "${feature}" is not a past feature of fold ${fold.id} ` +
        `(past: ${fold.pastNames.join(", ") || "none"}); add the staleness features to the ` +
        "feature and split nodes (data/features/staleness.ts)",
    );
  }
  return index;
}

function lossConfig(config: TftConfig): LossConfig {
  const { loss: name, quantiles, varianceWeight, antiCollapse } = config;
  return { name, quantiles, varianceWeight, ...(antiCollapse ? { antiCollapse } : {}) };
}

/**
 * A reloaded TFT, refused unless it was trained with this config: another loss or size
 * would read the outputs wrongly (the 0.1 quantile as the point forecast, say).
 */
function restoreTft(config: TftConfig, model: tf.LayersModel) {
  const layer = tftLayerOf(model);
  const expected = tftHyperparameters(config);
  const keys = new Set([...Object.keys(expected), ...Object.keys(layer.hyper)]);
  const differences = ([...keys] as (keyof TftHyperparameters)[])
    .filter((key) => expected[key] !== layer.hyper[key])
    .map((key) =>
      `${key} ${JSON.stringify(layer.hyper[key])} (config: ${JSON.stringify(expected[key])})`
    );
  if (differences.length > 0) {
    throw new Error(
      `${TFT_KIND}: the saved network does not match the config: ${differences.join(", ")}; ` +
        "load it with the config it was trained with (TrainResult.config)",
    );
  }
  return tftNetwork({ model, layer });
}

export function tftNeuralKind(config: TftConfig, context: ModelContext): NeuralKind {
  const aux = config.auxiliaryHead;
  return {
    kind: TFT_KIND,
    seed: seedFrom(context.seed, TFT_KIND),
    backend: context.backend,
    reads: TFT_READS,
    trainer: config.training,
    loss: lossConfig(config),
    scaleTargets: config.targetScaling === "standard",
    quantiles: config.loss === "quantile" ? config.quantiles : null,
    build: (shape, seed, fold) =>
      tftNetwork(
        buildTft(shape, { ...tftHyperparameters(config), ...tftFoldInputs(config, fold) }, seed),
        tftLossTerms(config),
      ),
    restore: (model) => restoreTft(config, model),
    ...(aux?.target === "vol-regime"
      ? { trainingLabels: (fold: Fold, origins: Int32Array) => volRegimeLabels(fold, origins, aux) }
      : {}),
    upstream: {
      // the output layer, or the experts (and router) that replace it, and an auxiliary head
      head: ["output_kernel", "output_bias", "expert_output/", "auxiliary_head/"].map(
        (name) => `${TFT_LAYER_NAME}/${name}`,
      ),
      freezeBackbone: config.fineTune === "head",
    },
  };
}

export class TftModel extends NeuralModel {
  constructor(readonly config: TftConfig, context: ModelContext, restored: Fitted | null = null) {
    super(tftNeuralKind(config, context), restored);
  }

  async explain(fold: Fold, split: SplitName): Promise<Explanation> {
    const layer = tftLayerOf(this.fittedFor(fold).network.model);
    const { windows, inputs } = this.inputsFor(fold, split);
    try {
      return await explainTft(layer, fold, inputs, windows.origins, this.config.attentionPerSample);
    } finally {
      tf.dispose(inputs);
    }
  }
}
