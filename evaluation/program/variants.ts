/**
 * One slice of one phase (a phase evaluated once per horizon or feature set has several),
 * from its per-replicate evaluations: each variant pooled over its seeds
 * (`poolReplicateMetrics`: excess over always-long with its interval, spread across seeds and
 * folds), its up-call share and collapse pattern over the seeds, and two tests against
 * always-long on the same rows, on the seed-pooled calls:
 *
 * - Pesaran–Timmermann (one-sided): does the sign of the seed-averaged point forecast carry
 *   directional skill? Null when it never changes sign (a collapsed forecast).
 * - Diebold–Mariano (two-sided) on the 0/1 direction loss: the row's loss is the share of
 *   seeds that called it wrong, beside always-long's miss on that row.
 *
 * Its loss differentials (always-long's miss − the variant's, per row) feed the phase's
 * data-snooping test (`family.ts`).
 */
import type { Gathered } from "../../engine/task.ts";
import type { EvaluationMetrics } from "../evaluation.ts";
import { poolReplicateMetrics, type ReplicateModel } from "../replicates.ts";
import { directionHits, upMoves } from "../direction.ts";
import { pesaranTimmermann } from "../stats/pesaran_timmermann.ts";
import { dieboldMariano } from "../stats/diebold_mariano.ts";

export interface VariantStats {
  label: string;
  model: string;
  benchmark: boolean;
  pooled: ReplicateModel;
  /** Share of "up" calls over every seed's step-1 forecasts. */
  upShare: number;
  /** Each seed's collapse pattern, counted: `{ collapsed: 2, varied: 1 }`. */
  patterns: Record<string, number>;
  ptP: number | null;
  dmP: number | null;
  /** Per row: always-long's 0/1 loss minus the variant's seed-averaged loss. */
  differentials: Float64Array;
}

export interface SliceStats {
  /** The slice's coordinates other than the replicate, e.g. "horizon=5"; "" when none. */
  slice: string;
  metrics: EvaluationMetrics;
  variants: VariantStats[];
}

const SKIPPED = new Set(["replicate"]);

function sliceOf(coords: Record<string, string>): string {
  return Object.entries(coords).filter(([axis]) => !SKIPPED.has(axis))
    .map(([axis, value]) => `${axis}=${value}`).sort().join(",");
}

/** The gathered per-replicate evaluations of a phase, grouped into slices (sorted). */
export function slicesOf(gathered: Gathered<EvaluationMetrics>): Gathered<EvaluationMetrics>[] {
  const groups = new Map<string, Gathered<EvaluationMetrics>>();
  for (const entry of gathered) {
    const slice = sliceOf(entry.coords);
    groups.set(slice, [...(groups.get(slice) ?? []), entry]);
  }
  return [...groups.keys()].sort().map((slice) => groups.get(slice)!);
}

function variantStats(
  entries: Gathered<EvaluationMetrics>,
  pooled: ReplicateModel,
): VariantStats {
  const runs = entries.map((entry) => ({
    series: entry.value.series.find((s) => s.label === pooled.label)!,
    model: entry.value.models.find((m) => m.label === pooled.label)!,
  }));
  const actual = runs[0].series.actual;
  const n = actual.length;
  const hits = runs.map((run) => directionHits(run.series.point, run.series.actual));
  const up = upMoves(actual);
  const rowHit = Float64Array.from({ length: n }, (_, i) => {
    let right = 0;
    for (const h of hits) right += h[i];
    return right / hits.length;
  });
  const averaged = Float64Array.from({ length: n }, (_, i) => {
    let sum = 0;
    for (const run of runs) sum += run.series.point[i];
    return sum / runs.length;
  });
  let ups = 0;
  for (const run of runs) for (const value of run.series.point) if (value > 0) ups++;
  const patterns: Record<string, number> = {};
  for (const run of runs) {
    const pattern = run.model.collapse.pattern;
    patterns[pattern] = (patterns[pattern] ?? 0) + 1;
  }
  const lossModel = Float64Array.from(rowHit, (h) => 1 - h);
  const lossBenchmark = Float64Array.from(up, (u) => 1 - u);
  const dm = n > 1 ? dieboldMariano({ lossModel, lossBenchmark, horizon: 1 }) : null;
  return {
    label: pooled.label,
    model: pooled.model,
    benchmark: pooled.benchmark,
    pooled,
    upShare: n ? ups / (n * runs.length) : NaN,
    patterns,
    ptP: n > 1 ? pesaranTimmermann(averaged, actual).pValue : null,
    dmP: dm?.pValue ?? null,
    differentials: Float64Array.from(rowHit, (h, i) => h - up[i]),
  };
}

/** One slice: every variant pooled over its seeds and tested against always-long. */
export function sliceStats(entries: Gathered<EvaluationMetrics>): SliceStats {
  const pooled = poolReplicateMetrics(entries);
  const ordered = [...entries].sort((a, b) =>
    Number(a.coords.replicate) - Number(b.coords.replicate)
  );
  return {
    slice: sliceOf(entries[0].coords),
    metrics: pooled,
    variants: pooled.replicates.models.map((model) => variantStats(ordered, model)),
  };
}
