/**
 * The timing rule of a supervised design: every feature value must be observed strictly
 * before the target it is paired with. A feature carries, per row, the date of the last bar
 * it reads; the target carries the date of the bar whose return it is. A feature computed
 * from the target bar's own open, high, low, close or volume is observed on the target's
 * date, so it is rejected: that bar is not over when the forecast has to be made.
 *
 * The fold machinery (`data/folds/`) already pairs features at origin o with targets o + h,
 * h ≥ 1, so a {@link FeatureFrame} cannot leak this way; this check guards designs that
 * pair a feature and a target in the same row (the pattern of the published same-day
 * models, `tasks/claims/same_day_design.ts`).
 */

export interface TimedColumn {
  name: string;
  /** Date of the last bar the value in each row reads (ISO YYYY-MM-DD). */
  observed: readonly string[];
}

/** Throws, naming the first feature observed on or after its target's date. */
export function assertFeaturesPrecedeTarget(
  features: readonly TimedColumn[],
  targetDates: readonly string[],
  where: string,
): void {
  for (const feature of features) {
    if (feature.observed.length !== targetDates.length) {
      throw new RangeError(
        `${where}: feature "${feature.name}" has ${feature.observed.length} rows but the ` +
          `target has ${targetDates.length}`,
      );
    }
    for (let t = 0; t < targetDates.length; t++) {
      if (feature.observed[t] < targetDates[t]) continue;
      throw new Error(
        `${where}: feature "${feature.name}" is observed on ${feature.observed[t]}, not ` +
          `strictly before its target (the return of ${targetDates[t]}): a feature must be ` +
          `known before the bar it predicts. Lag it by at least one bar (lag: 1), or drop it`,
      );
    }
  }
}
