/**
 * The `cls-transformer` model kind: a Transformer encoder with a [CLS] token over the
 * past-feature window, point forecasts of the next `horizon` returns, trained with MSE on
 * standardised targets by the shared trainer (on the neural shell); `explain` gives
 * per-layer, per-head attention. It accepts an upstream model to fine-tune.
 */
import * as tf from "@tensorflow/tfjs";
import type { Explanation, Fold, ModelContext, ModelSpec, SplitName } from "../contract.ts";
import { pointLossConfig } from "../tf/model_config.ts";
import { seedFrom } from "../tf/rng.ts";
import type { Fitted } from "../tf/shell/fitted.ts";
import { layersNetwork, type NeuralKind } from "../tf/shell/kind.ts";
import { NeuralModel } from "../tf/shell/model.ts";
import { type ClsTransformerConfig, clsTransformerConfig, clsTransformerKind } from "./config.ts";
import { attentionModel, clsAttention } from "./explain.ts";
import { buildClsTransformer, transformerLayers } from "./network.ts";

export { type ClsTransformerConfig, clsTransformerConfig } from "./config.ts";

const KIND = clsTransformerKind.kind;

function neuralKind(config: ClsTransformerConfig, context: ModelContext): NeuralKind {
  return {
    kind: KIND,
    seed: seedFrom(context.seed, KIND),
    backend: context.backend,
    reads: ["past"],
    trainer: config.training,
    loss: pointLossConfig(config),
    scaleTargets: true,
    quantiles: null,
    build: (shape, seed) => buildClsTransformer(config, shape, seed),
    restore: (model) => layersNetwork(model, transformerLayers(config)),
    upstream: { head: ["head_output/"], freezeBackbone: config.fineTune === "head" },
  };
}

class ClsTransformer extends NeuralModel {
  #attention: { model: tf.LayersModel; of: tf.LayersModel } | null = null;

  constructor(config: ClsTransformerConfig, context: ModelContext, restored?: Fitted) {
    super(neuralKind(config, context), restored ?? null);
  }

  async explain(fold: Fold, split: SplitName): Promise<Explanation> {
    const trained = this.fittedFor(fold).network.model;
    if (this.#attention?.of !== trained) {
      // Shares the trained layers (and so their weights); it owns no tensors of its own.
      this.#attention = { model: attentionModel(trained), of: trained };
    }
    const { inputs } = this.inputsFor(fold, split);
    try {
      return await clsAttention(this.#attention.model, inputs[0] as tf.Tensor3D);
    } finally {
      tf.dispose(inputs);
    }
  }
}

export const clsTransformerSpec: ModelSpec<ClsTransformerConfig> = {
  ...clsTransformerKind,
  schema: clsTransformerConfig,
  accepts: { upstream: true },
  create: (config, context) => new ClsTransformer(config, context),
  load: async (config, context, saved) =>
    new ClsTransformer(
      config,
      context,
      await NeuralModel.loaded(neuralKind(config, context), saved),
    ),
};
