/**
 * Accuracy of regime-score forecasts: MAE, RMSE, bias (forecast − actual), direction
 * accuracy, 95%-interval coverage and mean width, overall and by regime band (of the score
 * at the origin) and by market era (of the origin date).
 *
 * Direction: a change is "up", "down" or "flat" (|change| < `flatBand`, default half a
 * point, since the score moves in whole points); a forecast's direction is its mean minus
 * the origin's score, classified the same way. `direction` is the share of matching
 * classes — the source's headline, which a model that always says "flat" scores well on
 * when the score rarely moves — and `directionOnMoves` the share among windows where the
 * score did move, with `flatShare` the share of windows where it did not.
 */
import type { WalkForwardModel, WalkForwardRow } from "../../models/macro_regime/walk_forward.ts";

export interface ScoreMetrics {
  n: number;
  mae: number;
  rmse: number;
  bias: number;
  direction: number;
  directionOnMoves: number | null;
  flatShare: number;
  /** Null for models without intervals (the naive baselines). */
  coverage: number | null;
  width: number | null;
}

const classify = (change: number, flatBand: number) =>
  Math.abs(change) < flatBand ? 0 : Math.sign(change);

export function scoreMetrics(
  rows: readonly WalkForwardRow[],
  model: WalkForwardModel,
  flatBand = 0.5,
): ScoreMetrics | null {
  if (rows.length === 0) return null;
  let abs = 0, sq = 0, bias = 0, hits = 0, moves = 0, moveHits = 0;
  let intervals = 0, covered = 0, width = 0;
  for (const r of rows) {
    const f = r.forecasts[model];
    const error = f.mean - r.actual;
    abs += Math.abs(error);
    sq += error * error;
    bias += error;
    const actual = classify(r.actual - r.current, flatBand);
    const hit = classify(f.mean - r.current, flatBand) === actual;
    if (hit) hits++;
    if (actual !== 0) (moves++, hit && moveHits++);
    if (f.lower !== null && f.upper !== null) {
      intervals++;
      if (r.actual >= f.lower && r.actual <= f.upper) covered++;
      width += f.upper - f.lower;
    }
  }
  const n = rows.length;
  return {
    n,
    mae: abs / n,
    rmse: Math.sqrt(sq / n),
    bias: bias / n,
    direction: hits / n,
    directionOnMoves: moves ? moveHits / moves : null,
    flatShare: 1 - moves / n,
    coverage: intervals ? covered / intervals : null,
    width: intervals ? width / intervals : null,
  };
}

/** The source's five regime bands, made contiguous. */
export const REGIME_BANDS = [
  { name: "deep bear (< −3)", below: -3 },
  { name: "bearish (−3 … < −1)", below: -1 },
  { name: "neutral (−1 … +1)", below: 1.0000001 },
  { name: "mild bull (> +1 … < +3)", below: 3 },
  { name: "bull (≥ +3)", below: Infinity },
] as const;

/** The source's seven eras (its last runs to 2025; the mirror ends in 2024). */
export const ERAS = [
  { name: "dot-com", from: "1998-01-01", to: "2002-12-31" },
  { name: "housing", from: "2003-01-01", to: "2007-12-31" },
  { name: "GFC", from: "2008-01-01", to: "2010-12-31" },
  { name: "QE", from: "2011-01-01", to: "2015-12-31" },
  { name: "normalisation", from: "2016-01-01", to: "2019-12-31" },
  { name: "pandemic", from: "2020-01-01", to: "2021-12-31" },
  { name: "tightening", from: "2022-01-01", to: "2025-12-31" },
] as const;

export const bandOf = (score: number) => REGIME_BANDS.find((b) => score < b.below)!.name;
export const eraOf = (date: string) =>
  ERAS.find((e) => date >= e.from && date <= e.to)?.name ?? null;

export interface GroupMetrics {
  group: string;
  metrics: ScoreMetrics;
}

/** Metrics per regime band or era, in the table's order; empty groups are left out. */
export function metricsBy(
  rows: readonly WalkForwardRow[],
  model: WalkForwardModel,
  by: "band" | "era",
  flatBand = 0.5,
): GroupMetrics[] {
  const names = by === "band" ? REGIME_BANDS.map((b) => b.name) : ERAS.map((e) => e.name);
  const key = (r: WalkForwardRow) => (by === "band" ? bandOf(r.current) : eraOf(r.origin));
  return names.flatMap((group) => {
    const metrics = scoreMetrics(rows.filter((r) => key(r) === group), model, flatBand);
    return metrics ? [{ group, metrics }] : [];
  });
}
