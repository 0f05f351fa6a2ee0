/**
 * The `cls-transformer` model kind: a Transformer encoder with a [CLS] token over the
 * past-feature window, point forecasts of the next `horizon` returns, trained with MSE on
 * standardised targets by the shared trainer; `explain` gives per-layer, per-head attention.
 */
import * as tf from "@tensorflow/tfjs";
import type { Explanation, Fold, ModelContext, ModelSpec, SplitName } from "../contract.ts";
import { pointLossConfig } from "../tf/model_config.ts";
import { seedFrom } from "../tf/rng.ts";
import { checkedWindows, pastTensor } from "../tf/window_data.ts";
import {
  type FittedNetwork,
  loadFittedNetwork,
  type WindowModelOptions,
  WindowNetworkModel,
} from "../tf/window_model.ts";
import { type ClsTransformerConfig, clsTransformerConfig, clsTransformerKind } from "./config.ts";
import { attentionModel, clsAttention } from "./explain.ts";
import { buildClsTransformer } from "./network.ts";

export { type ClsTransformerConfig, clsTransformerConfig } from "./config.ts";

const KIND = clsTransformerKind.kind;

class ClsTransformer extends WindowNetworkModel {
  #attention: { model: tf.LayersModel; of: tf.LayersModel } | null = null;

  constructor(
    readonly config: ClsTransformerConfig,
    context: ModelContext,
    restored?: FittedNetwork,
  ) {
    const options: WindowModelOptions = {
      kind: KIND,
      seed: seedFrom(context.seed, KIND),
      backend: context.backend,
      trainer: config.training,
      loss: pointLossConfig(config),
      build: (shape, seed) => buildClsTransformer(config, shape, seed),
    };
    super(options, restored ?? null);
  }

  async explain(fold: Fold, split: SplitName): Promise<Explanation> {
    const fitted = this.fittedFor(fold);
    if (this.#attention?.of !== fitted.model) {
      // Shares the trained layers (and so their weights); it owns no tensors of its own.
      this.#attention = {
        model: attentionModel(fitted.model),
        of: fitted.model,
      };
    }
    const windows = checkedWindows(KIND, fold, split, false);
    const past = pastTensor(windows, fitted.shape.features);
    try {
      return await clsAttention(this.#attention.model, past);
    } finally {
      past.dispose();
    }
  }
}

export const clsTransformerSpec: ModelSpec<ClsTransformerConfig> = {
  ...clsTransformerKind,
  schema: clsTransformerConfig,
  create: (config, context) => new ClsTransformer(config, context),
  load: async (config, context, saved) =>
    new ClsTransformer(config, context, await loadFittedNetwork(KIND, saved)),
};
