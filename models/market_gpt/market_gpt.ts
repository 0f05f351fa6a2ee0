/**
 * The `market-gpt` model kind: a decoder-only causal Transformer over K-line windows with a
 * quantile head (network.ts), on the neural shell. Fitted on a fold it trains the return
 * head's quantiles with the pinball loss on standardised targets; its forecasts carry the
 * quantiles, their median as the point and, in `variance`, the variance read off the
 * outermost quantile pair (quantile_variance.ts), so the volatility scores compare it with
 * GARCH. With an upstream model (a `pretrain` node's artifact) `fineTune` chooses zero-shot
 * ("none": the pretrained weights, untouched, with the fold's own target scale), the return
 * head only ("head") or every weight ("all").
 */
import type {
  FitOptions,
  Fold,
  ForecastModel,
  ModelContext,
  ModelSpec,
  SplitName,
} from "../contract.ts";
import { seedFrom } from "../tf/rng.ts";
import type { NeuralKind } from "../tf/shell/kind.ts";
import { NeuralModel } from "../tf/shell/model.ts";
import { layoutOf, neuralWindows, shapeOf } from "../tf/shell/inputs.ts";
import { targetScaleOf } from "../tf/window_data.ts";
import { type MarketGptConfig, marketGptConfig, marketGptKind } from "./config.ts";
import { buildMarketGpt, marketGptNetwork, RETURN_HEAD } from "./network.ts";
import { varianceFromQuantiles } from "./quantile_variance.ts";
import { copyEveryWeight } from "./zero_shot.ts";

export { type MarketGptConfig, marketGptConfig } from "./config.ts";

const KIND = marketGptKind.kind;

export function marketGptNeuralKind(config: MarketGptConfig, context: ModelContext): NeuralKind {
  return {
    kind: KIND,
    seed: seedFrom(context.seed, KIND),
    backend: context.backend,
    reads: ["past"],
    trainer: config.training,
    loss: { name: "quantile", quantiles: [...config.quantiles] },
    scaleTargets: true,
    quantiles: [...config.quantiles],
    build: (shape, seed) => buildMarketGpt(config, shape, seed),
    restore: (model) => marketGptNetwork(model, config),
    upstream: { head: [`${RETURN_HEAD}/`], freezeBackbone: config.fineTune === "head" },
  };
}

class MarketGpt implements ForecastModel {
  #inner: NeuralModel;

  constructor(
    readonly config: MarketGptConfig,
    readonly kind: NeuralKind,
    inner: NeuralModel,
  ) {
    this.#inner = inner;
  }

  async fit(fold: Fold, options: FitOptions = {}) {
    if (this.config.fineTune !== "none" || !options.upstream) {
      return await this.#inner.fit(fold, options);
    }
    this.#inner.dispose();
    const network = this.kind.build(shapeOf(fold), seedFrom(this.kind.seed, "init"), fold);
    try {
      await copyEveryWeight(KIND, network.model, options.upstream);
    } catch (error) {
      network.model.dispose();
      throw error;
    }
    const train = neuralWindows(KIND, this.kind.reads, fold, "train", true);
    const scale = targetScaleOf(KIND, fold, train);
    const layout = layoutOf(this.kind.reads, fold);
    this.#inner = new NeuralModel(this.kind, { network, scale, layout });
    return {
      history: [],
      selectedEpoch: null,
      summary: { zeroShot: "true", upstream: options.upstream.label, targetStd: scale.std },
      notes: [
        `zero-shot: every weight is the upstream model "${options.upstream.label}"'s; only ` +
        "the index's training-window mean and std map its standardised quantiles to returns",
      ],
    };
  }

  async predict(fold: Fold, split: SplitName) {
    const forecast = await this.#inner.predict(fold, split);
    const { levels, values } = forecast.quantiles!;
    return { ...forecast, variance: varianceFromQuantiles(KIND, levels, values) };
  }

  async save() {
    return await this.#inner.save();
  }

  dispose() {
    this.#inner.dispose();
  }
}

export const marketGptSpec: ModelSpec<MarketGptConfig> = {
  ...marketGptKind,
  schema: marketGptConfig,
  accepts: { upstream: true },
  create: (config, context) => {
    const kind = marketGptNeuralKind(config, context);
    return new MarketGpt(config, kind, new NeuralModel(kind));
  },
  load: async (config, context, saved) => {
    const kind = marketGptNeuralKind(config, context);
    return new MarketGpt(
      config,
      kind,
      new NeuralModel(kind, await NeuralModel.loaded(kind, saved)),
    );
  },
};
