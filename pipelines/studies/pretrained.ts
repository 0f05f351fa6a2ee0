/**
 * The pretrained market model study (issue 19), as DAG fragments: the corpus panel (100
 * stocks, 11 sector ETFs, SPY and VIX beside the S&P 500, which is held out) and one
 * `pretrain` node per fold, each cut at 1 January of its test year; and the evaluation: the
 * index as K-lines on the same rolling folds as the other studies, the pretrained weights
 * applied zero-shot and fine-tuned (head only, all weights) through `upstream` edges, the
 * same architecture trained on the index alone, GARCH(1,1), the realised-volatility naive
 * and always-long, synthetic paths, and the report.
 */
import { type NodeRef, type PipelineBuilder, sweep } from "../../engine/mod.ts";
import type { PricePanel } from "../../data/panel/load.ts";
import { LARGE_CAPS, SECTOR_ETFS } from "../../data/panel/universe.ts";
import { fetchPanel, fetchPrices } from "../../tasks/fetch.ts";
import { klineFeatures } from "../../tasks/kline_features.ts";
import { type PretrainedModel, pretrainMarketGpt } from "../../tasks/pretrain.ts";
import type { KlinePart } from "../../data/features/kline.ts";
import type { TrainResult } from "../../models/contract.ts";
import { rollingFold } from "../../tasks/split.ts";
import { trainingView } from "../../tasks/training_view.ts";
import { trainModel } from "../../tasks/train.ts";
import { predictModel } from "../../tasks/predict.ts";
import { syntheticPaths } from "../../tasks/synthetic_paths.ts";
import { evaluatePretrained } from "../../tasks/pretrained_evaluate.ts";
import { renderReport } from "../../tasks/report.ts";
import { STUDY_END } from "./market_data.ts";

/** Test years of the default run: the nine rolling folds of the other studies, 2016–2024. */
export const PRETRAINED_TEST_YEARS = [
  2016,
  2017,
  2018,
  2019,
  2020,
  2021,
  2022,
  2023,
  2024,
] as const;

/** The K-line parts every series is fed as (pretraining and the index's folds alike). */
const PARTS: KlinePart[] = ["return", "range"];
/** Bars per window, pretraining and folds alike. */
const ENCODER_LENGTH = 32;
/** The architecture the pretrain node and every market-gpt fit share. */
const ARCHITECTURE = { dModel: 32, heads: 4, layers: 2, feedForward: 64 };
/** Fits on the index: at most 15 epochs, stop after 3 without a lower validation loss. */
const FIT_TRAINING = { epochs: 15, earlyStoppingPatience: 3, plateau: { patience: 2 } };

export function pretrainNodes(p: PipelineBuilder): NodeRef<PretrainedModel> {
  const panel: NodeRef<PricePanel> = p.fetch("panel", fetchPanel, {
    index: "^GSPC",
    groups: { etf: [...SECTOR_ETFS, "SPY"], stocks: [...LARGE_CAPS], volatility: ["^VIX"] },
    end: STUDY_END,
  });
  return p.node("pretrain", {
    kind: "pretrain",
    task: pretrainMarketGpt,
    params: {
      testYear: sweep([...PRETRAINED_TEST_YEARS]),
      trainYears: 10,
      parts: PARTS,
      encoderLength: ENCODER_LENGTH,
      steps: 500,
      model: ARCHITECTURE,
    },
    inputs: { panel },
  });
}

const gpt = (fineTune: string) => ({
  kind: "market-gpt",
  ...ARCHITECTURE,
  fineTune,
  training: FIT_TRAINING,
});

export function pretrainedStudy(p: PipelineBuilder): void {
  const pretrained = pretrainNodes(p);
  // The pretrain artifact carries every field a train node's upstream check reads (model,
  // label, config, weights, trainSpan; tasks/upstream.ts checks them at run time).
  const upstream = pretrained as unknown as NodeRef<TrainResult>;
  const spx = p.fetch("spx", fetchPrices, { symbol: "^GSPC", end: STUDY_END });
  const klines = p.feature("klines", klineFeatures, { parts: PARTS }, { prices: spx });
  const fold = p.split("fold", rollingFold, {
    testYear: sweep([...PRETRAINED_TEST_YEARS]),
    trainYears: 10,
    validationYears: 1,
    encoderLength: ENCODER_LENGTH,
    horizon: 1,
    features: null,
    laggedTarget: false,
  }, { features: klines });
  const trainRows = p.split("train-rows", trainingView, {}, { fold });

  // Pretrained weights into the index's folds: zero-shot, head only, every weight.
  const fitPretrained = p.train("fit-pretrained", trainModel, {
    model: sweep({
      "zero-shot": gpt("none"),
      "fine-tune-head": gpt("head"),
      "fine-tune-all": gpt("all"),
    }),
  }, { fold: trainRows, upstream });
  // The same architecture on the index alone, and the baselines.
  const fit = p.train("fit", trainModel, {
    model: sweep({
      "index-only": gpt("all"),
      garch: { kind: "garch" },
      "rv-naive": { kind: "realised-vol" },
      "always-long": { kind: "always-long" },
    }),
  }, { fold: trainRows });
  const predictPretrained = p.train("predict-pretrained", predictModel, {}, {
    fold,
    fitted: fitPretrained,
  });
  const predict = p.train("predict", predictModel, {}, { fold, fitted: fit });

  const synthetic = p.node("synthetic", {
    kind: "synthetic",
    task: syntheticPaths,
    params: { models: ["zero-shot", "fine-tune-head"], paths: 40 },
    inputs: { fold, fits: fitPretrained.gather("model"), baselines: predict.gather("model") },
  });
  const metrics = p.evaluate("metrics", evaluatePretrained, {
    comparisons: [
      { against: "always-long", losses: ["squared"] },
      { against: "index-only", losses: ["directional", "squared"] },
    ],
  }, {
    fits: predictPretrained.gather(),
    baselines: predict.gather(),
    pretrain: pretrained.gather(),
    synthetic: synthetic.gather(),
  });
  p.report("report", renderReport, {
    title: "A small pretrained market model against GARCH(1,1)",
    sections: [
      "headline",
      "pretrained-volatility",
      "synthetic-paths",
      "direction",
      "collapse",
      "significance",
      "warnings",
      "run",
      "method",
    ],
  }, { metrics });
}
