/**
 * The study behind `weekly-tft` and `daily-tft`: does a Temporal Fusion Transformer with
 * macro conditioning call the direction of the next bar's S&P 500 return better than
 * always-long, ARIMAX and a 3-layer LSTM?
 *
 * Nine rolling folds test the calendar years 2016–2024, each trained on the ten years
 * before it (the last of them held out for early stopping). Every model sees the same
 * point-in-time features and is scored on the same bars; always-long is the bar to beat.
 */
import { type PipelineBuilder, sweep } from "../../engine/mod.ts";
import { fetchMacro, fetchPrices } from "../../tasks/fetch.ts";
import { buildFeatures } from "../../tasks/feature.ts";
import { DEFAULT_TEST_YEARS, rollingFold } from "../../tasks/split.ts";
import { fitModel } from "../../tasks/train.ts";
import { evaluateForecasts } from "../../tasks/evaluate.ts";
import { renderReport } from "../../tasks/report.ts";

/** Price and macro inputs of every model (the lagged return "ret" is always included). */
export const STUDY_FEATURES = [
  "vol_20d",
  "ma_ratio_5",
  "ma_ratio_20",
  "rsi_14",
  "volume_ratio",
  "vix",
  "vix_change",
  "dgs10_change",
  "spread_2s10s",
  "cpi_yoy",
  "unrate_change",
] as const;

/** ARIMAX regressors: the study's macro conditioning. */
export const MACRO_REGRESSORS = ["cpi_yoy", "unrate_change", "dgs10_change", "vix", "spread_2s10s"];

export interface StudyOptions {
  frequency: "weekly" | "daily";
  /** Bars of history each window model sees. */
  encoderLength: number;
  title: string;
}

export function tftVersusBaselines(p: PipelineBuilder, options: StudyOptions): void {
  const spx = p.fetch("spx", fetchPrices, { symbol: "^GSPC", end: "2024-12-31" });
  const vix = p.fetch("vix", fetchPrices, { symbol: "^VIX", end: "2024-12-31" });
  const macro = p.fetch("macro", fetchMacro, { end: "2024-12-31" });

  const features = p.feature("features", buildFeatures, { frequency: options.frequency }, {
    spx,
    vix,
    macro,
  });

  const fold = p.split("fold", rollingFold, {
    testYear: sweep([...DEFAULT_TEST_YEARS]),
    trainYears: 10,
    validationYears: 1,
    encoderLength: options.encoderLength,
    horizon: 1,
    features: [...STUDY_FEATURES],
  }, { features });

  const fit = p.train("fit", fitModel, {
    model: sweep({
      "tft": { kind: "tft" },
      "always-long": { kind: "always-long" },
      "arimax": { kind: "arimax", exog: MACRO_REGRESSORS },
      "lstm": { kind: "lstm" },
    }),
  }, { fold });

  const metrics = p.evaluate("metrics", evaluateForecasts, {}, { fits: fit.gather() });
  p.report("report", renderReport, { title: options.title }, { metrics });
}
