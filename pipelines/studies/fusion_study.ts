/**
 * Index forecasts fused from constituent forecasts (issue 15), the study both `fusion/*`
 * pipelines share. Methods, as a paper would state them:
 *
 * 1. Data: the S&P 500 and one universe of constituents (the 11 sector ETFs, or the 100 large
 *    caps), daily bars on the index's calendar; a constituent enters at its first trading day
 *    plus its features' warm-up, and each is scaled on its own training rows (panel folds).
 * 2. Folds: rolling yearly test folds (default 2021–2024), each trained on the `trainYears`
 *    before it, the last held out for validation (early stopping, decay choice).
 * 3. Models: each model family (multi-scale TSMixer, the main model; ridge and LSTM baselines)
 *    is fitted twice per fold with the same configuration: once on the index alone (the direct
 *    forecast) and once as one global model over all constituents (shared weights); the global
 *    multi-scale TSMixer also learns a per-series embedding (nothing to embed for one series),
 *    and is fitted without it as an ablation. Optionally, one model per constituent (ablation).
 * 4. Weights: trailing dollar volume (default) and constrained-regression weights, estimated
 *    on each fold's training window only.
 * 5. Fusion: average, weighted and weighted-decay (decay chosen on validation) per weight proxy.
 * 6. Evaluation: direct, every fused forecast and always-long on the same index rows, with
 *    bootstrap CIs, Pesaran–Timmermann and Diebold–Mariano tests (against always-long and
 *    against the direct multi-scale TSMixer), per year and pooled; backtests long/short and
 *    long/flat beside buy-and-hold at the paper's fee (0.23 bp) and a US SPY cost (1.5 bp).
 */
import { type NodeRef, type PipelineBuilder, sweep } from "../../engine/mod.ts";
import type { PanelFold } from "../../models/panel_fold.ts";
import type { FusionWeights } from "../../tasks/fusion_weights.ts";
import { mergePerSeries } from "../../tasks/fusion_merge.ts";
import { panelFold } from "../../tasks/split.ts";
import { fitModel } from "../../tasks/train.ts";
import { panelViewTask } from "../../tasks/fusion_view.ts";
import { fusionWeights } from "../../tasks/fusion_weights.ts";
import { fuseIndex } from "../../tasks/fusion.ts";
import { evaluateFusion } from "../../tasks/fusion_evaluate.ts";
import { renderReport } from "../../tasks/report.ts";
import { panelData, STUDY_END } from "./market_data.ts";

/** Test years of the default folds (the stock panel starts in 2010). */
export const FUSION_TEST_YEARS = [2021, 2022, 2023, 2024] as const;

/** One small configuration per family, fitted both directly and on the constituents. */
export const FUSION_MODELS = {
  "msmixer": {
    kind: "multiscale-tsmixer",
    blocks: 1,
    ffDim: 16,
    training: { epochs: 12, batchSize: 256, earlyStoppingPatience: 4 },
  },
  // The series id (static "series" of the constituents view) is a category, not a regressor.
  "ridge": { kind: "ridge", includeStatic: false },
  "lstm": {
    kind: "lstm",
    layers: 1,
    units: 16,
    training: { epochs: 8, batchSize: 256, earlyStoppingPatience: 3 },
  },
};

/** Width of the global multi-scale TSMixer's per-series embedding (models/mixer/series_embedding.ts). */
export const FUSION_SERIES_EMBEDDING = 4;

/**
 * The global models on the constituents: every family of {@link FUSION_MODELS}, the multi-scale
 * TSMixer with a series embedding (its direct twin has one series, so none), and the same
 * TSMixer without it (the ablation that shows whether the embedding helps).
 */
export const GLOBAL_MODELS = {
  ...FUSION_MODELS,
  "msmixer": { ...FUSION_MODELS.msmixer, seriesEmbedding: FUSION_SERIES_EMBEDDING },
  "msmixer-no-embedding": FUSION_MODELS.msmixer,
};

/** The fusion methods compared; "-dv" uses dollar-volume weights, "-reg" regression weights. */
export const FUSIONS = {
  "average": { method: "average" },
  "weighted-dv": { method: "weighted", weights: "dollar-volume" },
  "decay-dv": { method: "weighted-decay", weights: "dollar-volume" },
  "weighted-reg": { method: "weighted", weights: "regression" },
  "decay-reg": { method: "weighted-decay", weights: "regression" },
} as const;

/** Trading costs per unit of position change: the paper's futures fee and a US SPY cost. */
export const FUSION_COSTS = {
  "paper-fee": { costPerTrade: 0.000023, threshold: 0 },
  "us-spy-cost": { costPerTrade: 0.00015, threshold: 0 },
};

/** A model declaration as a train node takes it: `{ kind, ...config }`. */
export type ModelEntry = { kind: string } & Record<string, unknown>;

export interface FusionStudyOptions {
  /** The constituents: one group of symbols, e.g. `{ etf: SECTOR_ETFS }`. */
  groups: Record<string, readonly string[]>;
  title: string;
  /** Caveats of the universe, printed beside every fused result. */
  notes: string[];
  /** Keep every k-th training origin of each constituent (bounds a large panel's cost). */
  trainStride: number;
  /**
   * The ablation of the global models: one model per constituent for each named configuration
   * (`{ name: { kind, ...config } }`, fused the same ways and labelled `<name>-per-series`);
   * null for none.
   */
  perSeries: Record<string, ModelEntry> | null;
}

export function fusionStudy(p: PipelineBuilder, options: FusionStudyOptions): void {
  const { panel, features } = panelData(p, {
    frequency: "daily",
    end: STUDY_END,
    groups: options.groups,
  });
  const fold = p.split("panel-fold", panelFold, {
    testYear: sweep([...FUSION_TEST_YEARS]),
    trainYears: 3,
    validationYears: 1,
    encoderLength: 40,
    horizon: 1,
  }, { features });

  const indexView = p.split("index-view", panelViewTask, { series: "index" }, { fold });
  const constituentView = p.split("constituent-view", panelViewTask, {
    series: "constituents",
    trainStride: options.trainStride,
  }, { fold });

  const benchmark = p.train("always-long", fitModel, { model: { kind: "always-long" } }, {
    fold: indexView,
  });
  const direct = p.train("direct", fitModel, { model: sweep(FUSION_MODELS) }, { fold: indexView });
  const constituents = p.train("constituents", fitModel, { model: sweep(GLOBAL_MODELS) }, {
    fold: constituentView,
  });

  const weights = p.node("weights", {
    kind: "weights",
    task: fusionWeights,
    params: {},
    inputs: {
      panel,
      fold,
    },
  });
  const fused = p.node("fuse", {
    kind: "fusion",
    task: fuseIndex,
    params: { fusion: sweep(FUSIONS), notes: options.notes },
    inputs: { fold, forecasts: constituents, weights },
  });

  const ablation = options.perSeries === null ? null : perSeriesFusion(p, {
    fold,
    weights,
    models: options.perSeries,
    members: Object.values(options.groups).flat(),
    notes: options.notes,
  });
  const metrics = p.evaluate("metrics", evaluateFusion, {
    backtest: sweep(FUSION_COSTS),
    comparisons: [
      { against: "always-long", losses: ["squared"] },
      { against: "msmixer", losses: ["directional", "squared"] },
    ],
  }, {
    benchmark: benchmark.gather(),
    direct: direct.gather(),
    fused: fused.gather(),
    ...(ablation ? { ablation: ablation.gather() } : {}),
  });
  p.report("report", renderReport, { title: options.title }, { metrics });
}

/** Per-series models: one fit per model, constituent and fold, merged per fold, then fused. */
function perSeriesFusion(p: PipelineBuilder, options: {
  fold: NodeRef<PanelFold>;
  weights: NodeRef<FusionWeights>;
  models: Record<string, ModelEntry>;
  members: readonly string[];
  notes: string[];
}) {
  const { fold, weights } = options;
  const view = p.split("member-view", panelViewTask, {
    series: "constituents",
    member: sweep([...options.members]),
  }, { fold });
  const fits = p.train("per-series", fitModel, { model: sweep(options.models) }, { fold: view });
  const merged = p.node("per-series-merge", {
    kind: "merge",
    task: mergePerSeries,
    params: {},
    inputs: { fits: fits.gather("member") },
  });
  return p.node("fuse-per-series", {
    kind: "fusion",
    task: fuseIndex,
    params: { fusion: sweep(FUSIONS), notes: options.notes },
    inputs: { fold, forecasts: merged, weights },
  });
}
