/**
 * A phase as a family of tests: every variant tried in it (over every slice: horizon or
 * feature set) is one test, so its Pesaran–Timmermann and Diebold–Mariano p-values are
 * adjusted for the family's size with Holm (family-wise error) and Benjamini–Hochberg (false
 * discovery rate). "The best of N beats always-long" is tested per slice with White's Reality
 * Check and Hansen's SPA on the variants' loss differentials (stationary bootstrap of the
 * rows); a phase of several slices takes the smallest SPA p-value times the number of slices
 * (Bonferroni across slices, capped at 1).
 */
import { benjaminiHochberg, holm } from "../stats/multiple_testing.ts";
import {
  prepareSnooping,
  realityCheck,
  superiorPredictiveAbility,
} from "../stats/data_snooping.ts";
import { stationaryBootstrap } from "../stats/stationary_bootstrap.ts";
import { defaultBlockLength } from "../stats/bootstrap.ts";
import type { SliceStats, VariantStats } from "./variants.ts";

export interface AdjustedVariant {
  slice: string;
  variant: VariantStats;
  ptHolm: number | null;
  ptBh: number | null;
  dmHolm: number | null;
  dmBh: number | null;
}

export interface SliceSnooping {
  slice: string;
  /** Variants tried (the benchmark left out). */
  tried: number;
  best: string;
  realityCheckP: number;
  /** Hansen's consistent p-value. */
  spaP: number;
}

export interface PhaseFamily {
  /** Every non-benchmark variant of every slice, with adjusted p-values, in slice order. */
  variants: AdjustedVariant[];
  snooping: SliceSnooping[];
  /** Min over slices of the SPA p-value × the number of slices (≤ 1); null without slices. */
  snoopingP: number | null;
}

/** Holm and BH adjustments of a family's PT and DM p-values (nulls stay null). */
export function adjustFamily(
  tried: Array<{ slice: string; variant: VariantStats }>,
): AdjustedVariant[] {
  const pt = tried.map((t) => t.variant.ptP);
  const dm = tried.map((t) => t.variant.dmP);
  const [ptHolm, ptBh, dmHolm, dmBh] = [
    holm(pt),
    benjaminiHochberg(pt),
    holm(dm),
    benjaminiHochberg(dm),
  ];
  return tried.map((t, i) => ({
    ...t,
    ptHolm: ptHolm[i],
    ptBh: ptBh[i],
    dmHolm: dmHolm[i],
    dmBh: dmBh[i],
  }));
}

function snoop(slice: SliceStats, seed: string): SliceSnooping | null {
  const tried = slice.variants.filter((v) => !v.benchmark);
  const n = tried[0]?.differentials.length ?? 0;
  if (tried.length === 0 || n < 2) return null;
  const { settings } = slice.metrics;
  const resamples = stationaryBootstrap({
    rows: n,
    reps: settings.bootstrapReps,
    meanBlock: settings.blockLength ?? defaultBlockLength(n, 1),
    seed,
  });
  const input = { differentials: tried.map((v) => v.differentials), resamples };
  const prepared = prepareSnooping(input);
  const rc = realityCheck(input, prepared);
  const spa = superiorPredictiveAbility(input, prepared);
  return {
    slice: slice.slice,
    tried: tried.length,
    best: tried[spa.best].label,
    realityCheckP: rc.pValue,
    spaP: spa.pValues.consistent,
  };
}

export function phaseFamily(phase: string, slices: SliceStats[]): PhaseFamily {
  const tried = slices.flatMap((slice) =>
    slice.variants.filter((v) => !v.benchmark).map((variant) => ({ slice: slice.slice, variant }))
  );
  const snooping = slices.map((slice) => snoop(slice, `program/${phase}/${slice.slice}`))
    .filter((s): s is SliceSnooping => s !== null);
  const smallest = Math.min(...snooping.map((s) => s.spaP));
  return {
    variants: adjustFamily(tried),
    snooping,
    snoopingP: snooping.length ? Math.min(1, smallest * snooping.length) : null,
  };
}
