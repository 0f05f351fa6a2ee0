/** Synthetic FRED-like inputs for the regime score's tests. */
import { isoDate, isoDay } from "../../../data/dates.ts";
import type { RawSeries, ScoreSeriesId } from "../../../models/macro_regime/indicators.ts";

function monthly(from: number, to: number, value: (k: number) => number): RawSeries {
  const dates: string[] = [];
  for (let y = from; y <= to; y++) {
    for (let m = 1; m <= 12; m++) dates.push(`${y}-${String(m).padStart(2, "0")}-01`);
  }
  return { dates, values: Float64Array.from(dates, (_, k) => value(k)) };
}

function quarterly(from: number, to: number, value: (k: number) => number): RawSeries {
  const dates: string[] = [];
  for (let y = from; y <= to; y++) {
    for (const m of ["01", "04", "07", "10"]) dates.push(`${y}-${m}-01`);
  }
  return { dates, values: Float64Array.from(dates, (_, k) => value(k)) };
}

function weekdays(start: string, end: string, value: (k: number) => number): RawSeries {
  const dates: string[] = [];
  for (let d = isoDay(start); d <= isoDay(end); d++) {
    const w = (((d + 4) % 7) + 7) % 7;
    if (w !== 0 && w !== 6) dates.push(isoDate(d));
  }
  return { dates, values: Float64Array.from(dates, (_, k) => value(k)) };
}

/** Fed funds 2%, CPI +0.2%/month, GDP +0.5%/quarter, 2s10s at 1%: a score of +2. */
export function syntheticSeries(): Record<ScoreSeriesId, RawSeries> {
  return {
    FEDFUNDS: monthly(2010, 2021, () => 2),
    CPIAUCSL: monthly(2010, 2021, (k) => 100 * 1.002 ** k),
    GDPC1: quarterly(2010, 2021, (k) => 1000 * 1.005 ** k),
    T10Y2Y: weekdays("2010-01-01", "2021-12-31", () => 1),
  };
}
