/**
 * The panel's feature stage: every member's price features, computed on its own bars (so
 * nothing crosses from one series to another, and nothing from later bars), then aligned on
 * the index's trading calendar. A member is present at a row only when it has a bar there
 * and its return and every feature are known: never before its first trading day (plus the
 * warm-up its features need), never back-filled, and absent on rows it did not trade.
 */
import type { Frequency } from "../../models/contract.ts";
import { type Bars, dailyBars } from "../bars.ts";
import { isoDay, mondayOf } from "../dates.ts";
import { PRICE_FEATURES, type PriceFeature, priceFeatures } from "../features/price.ts";
import type { SnapshotSource } from "../snapshot.ts";
import { weeklyBars } from "../weekly.ts";
import type { PanelMember, PricePanel } from "./load.ts";

/** Per-series features of a panel (the return "ret" is the target, never a feature). */
export type PanelFeature = Exclude<PriceFeature, "ret">;
export const PANEL_FEATURES: readonly PanelFeature[] = PRICE_FEATURES.filter(
  (f): f is PanelFeature => f !== "ret",
);

/** Calendar rows × series × features, row-major: value (t, n, f) is at (t·N + n)·F + f. */
export interface PanelFrame {
  kind: "panel-frame";
  frequency: Frequency;
  /** The index's bars: row t ends on `dates[t]`. */
  dates: string[];
  /** Index first (column 0), then the members as the panel declared them. */
  members: PanelMember[];
  /** Where each member's bars came from, by position. */
  sources: SnapshotSource[];
  /** First row at which each member is present (-1: never within the frame). */
  firstRow: Int32Array;
  features: PanelFeature[];
  /** [T, N, F] features, raw (unscaled); NaN where the member is absent. */
  values: Float64Array;
  /** [T, N] simple return of each member over bar t; NaN where it is absent. */
  target: Float64Array;
  /** [T, N] 1 where the member is present (a bar at t, its return and features known). */
  present: Uint8Array;
  warnings: string[];
}

export interface PanelFrameOptions {
  frequency: Frequency;
  features: readonly PanelFeature[];
}

function barsOf(series: PricePanel["series"][number], frequency: Frequency) {
  const daily = dailyBars(series);
  return { daily, bars: frequency === "weekly" ? weeklyBars(daily) : daily };
}

/** Calendar row of each of a member's bars (-1 when the index has no bar there). */
function calendarRows(calendar: Bars, bars: Bars): Int32Array {
  const key = (date: string) =>
    calendar.frequency === "weekly" ? mondayOf(isoDay(date)) : isoDay(date);
  const rowOf = new Map(calendar.dates.map((date, t) => [key(date), t]));
  return Int32Array.from(bars.dates, (date) => rowOf.get(key(date)) ?? -1);
}

export function buildPanelFrame(panel: PricePanel, options: PanelFrameOptions): PanelFrame {
  if (panel?.kind !== "price-panel") {
    throw new Error(`panel features need a fetchPanel output as input "panel"`);
  }
  if (options.features.length === 0) throw new Error("panel features: choose at least one");
  const { frequency, features } = options;
  const built = panel.series.map((series) => barsOf(series, frequency));
  const calendar = built[0].bars;
  const N = panel.members.length;
  const F = features.length;
  const T0 = calendar.dates.length;
  const values = new Float64Array(T0 * N * F).fill(NaN);
  const target = new Float64Array(T0 * N).fill(NaN);
  const present = new Uint8Array(T0 * N);
  const warnings: string[] = [];
  built.forEach(({ daily, bars }, n) => {
    const computed = priceFeatures(bars, daily);
    const rows = calendarRows(calendar, bars);
    const off = rows.filter((t) => t < 0).length;
    if (off > 0) {
      warnings.push(
        `${panel.members[n].symbol}: ${off} bars on dates the index did not trade are left out`,
      );
    }
    rows.forEach((t, i) => {
      if (t < 0) return;
      const row = features.map((f) => computed[f][i]);
      const ret = computed.ret[i];
      if (!Number.isFinite(ret) || !row.every(Number.isFinite)) return;
      target[t * N + n] = ret;
      row.forEach((v, f) => values[(t * N + n) * F + f] = v);
      present[t * N + n] = 1;
    });
  });
  // Rows start where the index itself is complete (its warm-up dropped), like FeatureFrame.
  let start = 0;
  while (start < T0 && present[start * N] === 0) start++;
  if (start >= T0 - 1) {
    throw new Error(
      `panel features: the index ${panel.members[0].symbol} has no complete rows ` +
        `(${calendar.dates[0]}..${calendar.dates.at(-1)}); fetch a longer history`,
    );
  }
  const firstRow = new Int32Array(N).fill(-1);
  for (let n = 0; n < N; n++) {
    for (let t = start; t < T0; t++) {
      if (present[t * N + n] === 0) continue;
      firstRow[n] = t - start;
      break;
    }
    if (firstRow[n] < 0) {
      warnings.push(`${panel.members[n].symbol}: no complete ${frequency} row in the panel`);
    }
  }
  return {
    kind: "panel-frame",
    frequency,
    dates: calendar.dates.slice(start),
    members: panel.members.map((m) => ({ ...m })),
    sources: panel.series.map((s) => s.source),
    firstRow,
    features: [...features],
    values: values.slice(start * N * F),
    target: target.slice(start * N),
    present: present.slice(start * N),
    warnings,
  };
}

/** Value of feature `f` of member `n` at row `t` (NaN where absent). */
export function panelValue(frame: PanelFrame, t: number, n: number, f: number): number {
  return frame.values[(t * frame.members.length + n) * frame.features.length + f];
}
