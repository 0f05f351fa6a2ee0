/** Metrics of the synthetic fixture (9 weekly folds, 4 models + a CLS model), shared by the render tests. */
import { sha256Hex } from "../../engine/keys/hash.ts";
import { evaluateFits } from "../../evaluation/evaluate.ts";
import type { EvaluationMetrics } from "../../evaluation/evaluation.ts";
import { DEFAULT_SETTINGS } from "../../evaluation/settings.ts";
import { buildFits, type FixtureOptions } from "../evaluation/fixtures.ts";

export const NINE_YEARS = [2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024];

export function fixtureMetrics(options: FixtureOptions = {}): EvaluationMetrics {
  return evaluateFits(
    buildFits({ years: NINE_YEARS, ...options }),
    { ...DEFAULT_SETTINGS, bootstrapReps: 400 },
  );
}

/** The metrics and title of the rendered fixture report, shared with its subprocess render. */
export function fixtureReport(): { metrics: EvaluationMetrics; title: string } {
  return { metrics: fixtureMetrics({ horizon: 2 }), title: "Weekly TFT — fixture" };
}

/** Hex SHA-256 of each report file, by name in sorted order: comparable across processes. */
export function fileDigests(files: Record<string, string | Uint8Array>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, content] of Object.entries(files).sort()) out[name] = sha256Hex(content);
  return out;
}
