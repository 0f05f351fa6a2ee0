/**
 * The study behind `weekly-tft` and `daily-tft`: does a Temporal Fusion Transformer with
 * macro conditioning call the direction of the next bar's S&P 500 return better than
 * always-long, ARIMAX and a 3-layer LSTM?
 *
 * Nine rolling folds test the calendar years 2016–2024, each trained on the ten years
 * before it (the last of them held out for early stopping). Every model sees the same
 * point-in-time features and is scored on the same bars; always-long is the bar to beat.
 */
import type { PipelineBuilder } from "../../engine/mod.ts";
import { rollingStudy, type RollingStudyOptions } from "./rolling_study.ts";

/** ARIMAX regressors: the study's macro conditioning. */
export const MACRO_REGRESSORS = ["cpi_yoy", "unrate_change", "dgs10_change", "vix", "spread_2s10s"];

export function tftVersusBaselines(
  p: PipelineBuilder,
  options: Omit<RollingStudyOptions, "models">,
): void {
  rollingStudy(p, {
    ...options,
    models: {
      "tft": { kind: "tft" },
      "always-long": { kind: "always-long" },
      "arimax": { kind: "arimax", exog: MACRO_REGRESSORS },
      "lstm": { kind: "lstm" },
    },
  });
}
