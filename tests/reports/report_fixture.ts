/** Metrics of the synthetic fixture (9 weekly folds, 4 models + a CLS model), shared by the render tests. */
import { evaluateFits } from "../../reports/evaluate.ts";
import type { EvaluationMetrics } from "../../reports/evaluation.ts";
import { DEFAULT_SETTINGS } from "../../reports/settings.ts";
import { buildFits, type FixtureOptions } from "./fixtures.ts";

export const NINE_YEARS = [2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024];

export function fixtureMetrics(options: FixtureOptions = {}): EvaluationMetrics {
  return evaluateFits(
    buildFits({ years: NINE_YEARS, ...options }),
    { ...DEFAULT_SETTINGS, bootstrapReps: 400 },
  );
}
