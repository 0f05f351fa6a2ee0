/**
 * The pretraining corpus: every member series of a price panel but the held-out ones (the
 * index being forecast), each as its own normalised K-lines (`data/features/kline.ts`) cut to
 * the window [from, cutoff): no bar on or after the cut-off enters, and each part is
 * standardised with that series' own mean and std over its rows in the window, then clipped at
 * ±clipStd (as the folds clip). A part a series does not record (VIX's range: the mirror
 * holds its close only) is fed as 0 (its mean) and never a target. A series with fewer than
 * `minRows` bars with a return in the window is left out, named in `excluded`.
 *
 * Windows are (series, start) pairs whose L + 1 bars all have a return: inputs are bars
 * start … start+L−1, targets (return, range) bars start+1 … start+L, next-bar at every step.
 */
import type { PricePanel } from "../../../data/panel/load.ts";
import { type KlinePart, klines, scaleKlines } from "../../../data/features/kline.ts";
import type { PriceSeries } from "../../../data/snapshot.ts";

export interface CorpusOptions {
  /** Input parts of each bar, in order (the fold's K-line features must match). */
  parts: readonly KlinePart[];
  /** First date in the window (inclusive). */
  from: string;
  /** The fold's cut-off: first date left out. */
  cutoff: string;
  clipStd: number;
  minRows: number;
  /** Symbols never to pretrain on, besides the panel's index (column 0). */
  holdOut: readonly string[];
  encoderLength: number;
}

export interface CorpusSeries {
  symbol: string;
  group: string;
  dates: string[];
  /** Scaled parts [rows, P] (0 where a part is undefined). */
  inputs: Float32Array;
  /** Scaled next-bar targets [rows, 2]: return, range (NaN where undefined). */
  targets: Float32Array;
}

export interface Corpus {
  parts: KlinePart[];
  series: CorpusSeries[];
  /** Every window: series index and start row, [W] each. */
  windowSeries: Int32Array;
  windowStart: Int32Array;
  excluded: { symbol: string; reason: string }[];
  firstDate: string;
  lastDate: string;
}

const TARGETS: KlinePart[] = ["return", "range"];

function corpusSeries(
  series: PriceSeries,
  group: string,
  options: CorpusOptions,
): CorpusSeries | string {
  const from = series.dates.findIndex((d) => d >= options.from);
  let to = series.dates.findIndex((d) => d >= options.cutoff);
  if (to < 0) to = series.dates.length;
  if (from < 0 || to - from < options.minRows) {
    return `${Math.max(0, to - Math.max(from, 0))} bars in [${options.from}, ${options.cutoff}), ` +
      `fewer than minRows ${options.minRows}`;
  }
  // Computed on the bars before the cut-off only: later bars cannot reach any value.
  const cut = {
    dates: series.dates.slice(0, to),
    open: series.open.slice(0, to),
    high: series.high.slice(0, to),
    low: series.low.slice(0, to),
    close: series.close.slice(0, to),
    volume: series.volume.slice(0, to),
  };
  const { scaled } = scaleKlines(klines(cut), { from, to });
  const rows = to - from;
  const clip = (v: number) => Math.max(-options.clipStd, Math.min(options.clipStd, v));
  const P = options.parts.length;
  const inputs = new Float32Array(rows * P);
  const targets = new Float32Array(rows * 2);
  let returns = 0;
  for (let i = 0; i < rows; i++) {
    options.parts.forEach((part, p) => {
      const v = scaled[part][from + i];
      inputs[i * P + p] = Number.isFinite(v) ? clip(v) : 0;
    });
    TARGETS.forEach((part, k) => {
      const v = scaled[part][from + i];
      targets[i * 2 + k] = Number.isFinite(v) ? clip(v) : NaN;
    });
    if (Number.isFinite(targets[i * 2])) returns++;
  }
  if (returns < options.minRows) {
    return `${returns} bars with a return in the window, fewer than minRows ${options.minRows}`;
  }
  return { symbol: series.symbol, group, dates: cut.dates.slice(from), inputs, targets };
}

export function buildCorpus(panel: PricePanel, options: CorpusOptions): Corpus {
  const series: CorpusSeries[] = [];
  const excluded: Corpus["excluded"] = [];
  panel.members.forEach((member, m) => {
    if (member.group === "index" || options.holdOut.includes(member.symbol)) {
      excluded.push({ symbol: member.symbol, reason: "held out: the series being forecast" });
      return;
    }
    const built = corpusSeries(panel.series[m], member.group, options);
    if (typeof built === "string") excluded.push({ symbol: member.symbol, reason: built });
    else series.push(built);
  });
  if (series.length === 0) {
    throw new Error(
      `pretraining corpus before ${options.cutoff} is empty: every series was held out or ` +
        `too short (${excluded.map((e) => `${e.symbol}: ${e.reason}`).join("; ")})`,
    );
  }
  const L = options.encoderLength;
  const windowSeries: number[] = [];
  const windowStart: number[] = [];
  series.forEach((s, k) => {
    const rows = s.dates.length;
    let run = 0; // consecutive bars with a return, ending at t
    for (let t = 0; t < rows; t++) {
      run = Number.isFinite(s.targets[t * 2]) ? run + 1 : 0;
      // bars t−L … t all have a return: inputs t−L … t−1 (whose own return is defined), targets t−L+1 … t
      if (run >= L + 1) {
        windowSeries.push(k);
        windowStart.push(t - L);
      }
    }
  });
  if (windowSeries.length === 0) {
    throw new Error(`pretraining corpus before ${options.cutoff}: no window of ${L + 1} bars`);
  }
  const dates = series.flatMap((s) => [s.dates[0], s.dates[s.dates.length - 1]]).sort();
  return {
    parts: [...options.parts],
    series,
    windowSeries: Int32Array.from(windowSeries),
    windowStart: Int32Array.from(windowStart),
    excluded,
    firstDate: dates[0],
    lastDate: dates[dates.length - 1],
  };
}
