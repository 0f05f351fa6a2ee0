/**
 * Replicates pooled: each model fitted under several seeds (`tasks/replicate.ts`), evaluated
 * once per replicate, summarised here from the per-replicate evaluations' step-1 series.
 *
 * Per model: directional accuracy pooled over every replicate's calls on the same rows,
 * always-long on those rows, the excess with a paired block-bootstrap interval (rows are
 * resampled within folds; each drawn row counts the share of replicates that called it
 * right, so seeds are not treated as independent data), the spread of the pooled excess
 * across seeds beside its spread across folds (per-fold excess of the seed-averaged calls),
 * and how many replicates looked collapsed.
 */
import type { Gathered } from "../engine/task.ts";
import type { EvaluationMetrics, ModelSeries } from "./evaluation.ts";
import { isBenchmark } from "./benchmark.ts";
import { directionHits, upMoves } from "./direction.ts";
import { blockBootstrap, type BootstrapInterval, defaultBlockLength } from "./stats/bootstrap.ts";
import { mean, sampleStd } from "./stats/descriptive.ts";

export interface ReplicateModel {
  label: string;
  model: string;
  /** True for the benchmark (always-long): shown for reference, not judged. */
  benchmark: boolean;
  replicates: number;
  /** Rows scored per replicate (the same rows in every replicate). */
  n: number;
  /** Share of right calls over every replicate's calls. */
  da: number;
  /** Always-long's accuracy on the same rows. */
  baseRate: number;
  excess: number;
  excessCi: BootstrapInterval | null;
  /** Pooled excess of each replicate, in replicate order. */
  excessBySeed: number[];
  /** Sample std of `excessBySeed` (null with one replicate). */
  seedStd: number | null;
  /** Per-fold excess of the seed-averaged calls, and its sample std. */
  excessByFold: Array<{ fold: string; excess: number }>;
  foldStd: number | null;
  /** Replicates whose evaluation flagged the model as collapsed. */
  collapsed: number;
}

export interface ReplicateSummary {
  /** Replicate numbers, ascending. */
  replicates: number[];
  /** The replicate every other section of the report shows. */
  shown: number;
  ciLevel: number;
  models: ReplicateModel[];
}

/** Metrics of the replicate the report's other sections show, with the pooled summary. */
export type ReplicatedMetrics = EvaluationMetrics & { replicates: ReplicateSummary };

/** The summary of metrics pooled by `poolReplicateMetrics`, or null for other metrics. */
export function replicatesOf(metrics: EvaluationMetrics): ReplicateSummary | null {
  return (metrics as Partial<ReplicatedMetrics>).replicates ?? null;
}

/** Replicate number of a gathered evaluation, from its `replicate` coordinate. */
function replicateOf(entry: Gathered<EvaluationMetrics>[number]): number {
  const value = Number(entry.coords.replicate);
  if (!Number.isInteger(value)) {
    throw new Error(
      `evaluate.replicates: node ${entry.id} has no replicate coordinate; gather an evaluate ` +
        'node mapped over a `replicate` sweep (`metrics.gather()` of `fits: predict.gather("testYear", "model")`)',
    );
  }
  return value;
}

function sameRows(a: ModelSeries, b: ModelSeries, where: string): void {
  const same = a.dates.length === b.dates.length &&
    a.dates.every((date, i) => date === b.dates[i] && a.actual[i] === b.actual[i]);
  if (!same) {
    throw new Error(
      `${where}: ${b.label} scored other rows than in the first replicate; replicates must ` +
        "share folds and data (sweep `replicate` on the fit node only)",
    );
  }
}

function poolModel(
  runs: Array<{ replicate: number; series: ModelSeries; collapsed: boolean }>,
  context: { metrics: EvaluationMetrics; ids: string[] },
): ReplicateModel {
  const { settings } = context.metrics;
  const first = runs[0].series;
  runs.forEach((run, r) => sameRows(first, run.series, `evaluate.replicates: ${context.ids[r]}`));
  const n = first.dates.length;
  const up = upMoves(first.actual);
  const hits = runs.map((run) => directionHits(run.series.point, run.series.actual));
  // Share of replicates right on each row, minus always-long's hit: the row's excess.
  const rowExcess = Float64Array.from({ length: n }, (_, i) => {
    let right = 0;
    for (const h of hits) right += h[i];
    return right / hits.length - up[i];
  });
  const rowHit = Float64Array.from({ length: n }, (_, i) => rowExcess[i] + up[i]);
  const folds = new Map<string, number[]>();
  first.fold.forEach((fold, i) => {
    const rows = folds.get(fold) ?? [];
    rows.push(i);
    folds.set(fold, rows);
  });
  const strata = [...folds.values()];
  const average = (values: ArrayLike<number>, rows?: ArrayLike<number>) =>
    rows ? mean(Array.from(rows, (i) => values[i])) ?? NaN : mean(values) ?? NaN;
  const [excessCi] = blockBootstrap({
    strata,
    reps: settings.bootstrapReps,
    level: settings.ciLevel,
    blockLength: settings.blockLength ??
      defaultBlockLength(Math.max(0, ...strata.map((s) => s.length)), 1),
    seed: `${settings.seed}/replicates/${first.label}`,
    statistics: (drawn) => [average(rowExcess, drawn)],
  });
  const excessBySeed = hits.map((h) => average(h) - average(up));
  const excessByFold = [...folds].map(([fold, rows]) => ({
    fold,
    excess: average(rowExcess, rows),
  }));
  const label = first.label;
  const model = context.metrics.models.find((m) => m.label === label)!;
  return {
    label,
    model: model.model,
    benchmark: isBenchmark(settings, model),
    replicates: runs.length,
    n,
    da: average(rowHit),
    baseRate: average(up),
    excess: average(rowExcess),
    excessCi,
    excessBySeed,
    seedStd: sampleStd(excessBySeed),
    excessByFold,
    foldStd: sampleStd(excessByFold.map((f) => f.excess)),
    collapsed: runs.filter((run) => run.collapsed).length,
  };
}

/**
 * Pools gathered per-replicate evaluations (each the `evaluate.forecasts` of one replicate).
 * Every replicate must evaluate the same models on the same rows with the same settings.
 */
export function poolReplicateMetrics(gathered: Gathered<EvaluationMetrics>): ReplicatedMetrics {
  if (gathered.length === 0) {
    throw new Error("evaluate.replicates: no evaluations were gathered; pass `metrics.gather()`");
  }
  const entries = gathered.map((entry) => ({ ...entry, replicate: replicateOf(entry) }))
    .sort((a, b) => a.replicate - b.replicate);
  const base = entries[0].value;
  const labels = base.models.map((m) => m.label);
  for (const entry of entries) {
    const theirs = entry.value.models.map((m) => m.label);
    if (theirs.join("\u0000") !== labels.join("\u0000")) {
      throw new Error(
        `evaluate.replicates: ${entry.id} evaluates models ${theirs.join(", ")}, but ` +
          `${entries[0].id} evaluates ${labels.join(", ")}; every replicate needs the same models`,
      );
    }
  }
  const models = labels.map((label) =>
    poolModel(
      entries.map((entry) => ({
        replicate: entry.replicate,
        series: entry.value.series.find((s) => s.label === label)!,
        collapsed: entry.value.models.find((m) => m.label === label)!.collapse.collapsed,
      })),
      { metrics: base, ids: entries.map((entry) => entry.id) },
    )
  );
  return {
    ...base,
    replicates: {
      replicates: entries.map((entry) => entry.replicate),
      shown: entries[0].replicate,
      ciLevel: base.settings.ciLevel,
      models,
    },
  };
}
