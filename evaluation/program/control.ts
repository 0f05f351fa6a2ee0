/**
 * Each variant against the phase's control (the plain TFT) on the same rows: the difference
 * of their seed-pooled accuracies (each row counts the share of seeds right, as the excess
 * over always-long does), with a paired block-bootstrap interval of the rows within folds.
 * Most phases' hypotheses claim to beat the plain TFT as well as always-long; this is that
 * comparison, shown beside the verdict (which is against always-long).
 */
import { blockBootstrap, type BootstrapInterval, defaultBlockLength } from "../stats/bootstrap.ts";
import type { SliceStats } from "./variants.ts";

export interface OverControl {
  excess: number;
  ci: BootstrapInterval | null;
}

/** Per variant label (the control left out): its accuracy minus the control's. */
export function overControl(slice: SliceStats, control: string): Map<string, OverControl> {
  const base = slice.variants.find((v) => v.label === control);
  const out = new Map<string, OverControl>();
  if (!base) return out;
  const folds = new Map<string, number[]>();
  const series = slice.metrics.series.find((s) => s.label === control)!;
  series.fold.forEach((fold, i) => folds.set(fold, [...(folds.get(fold) ?? []), i]));
  const strata = [...folds.values()];
  const { settings } = slice.metrics;
  for (const variant of slice.variants) {
    if (variant.label === control || variant.benchmark) continue;
    // Both differentials are over always-long on the same rows: their difference is
    // the variant's hit share minus the control's.
    const rows = Float64Array.from(
      variant.differentials,
      (d, i) => d - base.differentials[i],
    );
    const average = (drawn: ArrayLike<number>) => {
      let sum = 0;
      for (let k = 0; k < drawn.length; k++) sum += rows[drawn[k]];
      return drawn.length ? sum / drawn.length : NaN;
    };
    const [ci] = blockBootstrap({
      strata,
      reps: settings.bootstrapReps,
      level: settings.ciLevel,
      blockLength: settings.blockLength ??
        defaultBlockLength(Math.max(0, ...strata.map((s) => s.length)), 1),
      seed: `${settings.seed}/program/control/${slice.slice}/${variant.label}`,
      statistics: (drawn) => [average(drawn)],
    });
    out.set(variant.label, { excess: average(rows.map((_, i) => i)), ci });
  }
  return out;
}
