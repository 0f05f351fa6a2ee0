/**
 * Per-replicate evaluations of a small constructed phase for the program tests: 40 weekly
 * rows over two folds, three replicates, and four models: "skilled" (calls most signs
 * right), "contrarian" (calls most signs wrong), "flat" (always up: never changes sign) and
 * the benchmark always-long. Only the fields the program reads are filled in.
 */
import type { Gathered } from "../../../engine/task.ts";
import type { EvaluationMetrics } from "../../../evaluation/evaluation.ts";
import { DEFAULT_SETTINGS } from "../../../evaluation/settings.ts";

const ROWS = 40;
const actual = Array.from({ length: ROWS }, (_, i) => (Math.sin(i * 1.7) + 0.3) / 100);
const dates = Array.from({ length: ROWS }, (_, i) => `2024-01-${String(i + 1).padStart(2, "0")}`);
const fold = Array.from({ length: ROWS }, (_, i) => (i < ROWS / 2 ? "2023" : "2024"));

/** Point forecasts of a model in a replicate: each model wrong on a few rows per seed. */
function points(label: string, replicate: number): number[] {
  return actual.map((a, i) => {
    if (label === "always-long" || label === "flat") return 0.001 * (1 + replicate);
    const flip = (i + replicate) % 7 === 0;
    const right = label === "skilled" ? !flip : flip;
    return right ? a : -a;
  });
}

const LABELS = ["skilled", "contrarian", "flat", "always-long"];

function evaluation(replicate: number): EvaluationMetrics {
  const models = LABELS.map((label) => ({
    label,
    model: label === "always-long" ? "always-long" : "tft",
    collapse: {
      collapsed: label === "flat",
      pattern: label === "flat" ? "collapsed" : "varied",
    },
  }));
  const series = LABELS.map((label) => ({
    label,
    dates,
    fold,
    actual,
    point: points(label, replicate),
  }));
  return {
    settings: { ...DEFAULT_SETTINGS, bootstrapReps: 300 },
    models,
    series,
  } as unknown as EvaluationMetrics;
}

/** The phase's gathered evaluations, one per replicate, as `metrics.gather()` hands them. */
export function phaseEvaluations(extra: Record<string, string> = {}): Gathered<EvaluationMetrics> {
  return [0, 1, 2].map((replicate) => ({
    id: `phase-metrics[replicate=${replicate}]`,
    coords: { ...extra, replicate: String(replicate) },
    value: evaluation(replicate),
  }));
}
