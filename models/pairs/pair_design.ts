/**
 * The pairs study's design: the index's trading days from the training start to the test end,
 * the pairs picked on the training window only (`selection.ts`), and each pair's log closes
 * on those days. A leg's missing test-day close carries its last close forward (a stale price:
 * no later data enters) and is counted in the warnings.
 */
import type { PricePanel } from "../../data/panel/load.ts";
import { type PairSelection, type PairSelectionOptions, selectPairs } from "./selection.ts";

export interface PairDesignOptions extends PairSelectionOptions {
  trainStart: string;
  /** Last training day (inclusive); the test window starts the next trading day. */
  trainEnd: string;
  testEnd: string;
}

export interface PairDesign {
  kind: "pair-design";
  dates: string[];
  /** Row of the first test day. */
  testFrom: number;
  selection: PairSelection;
  /** Log closes of each selected pair's legs on `dates`. */
  legs: Array<{ y: Float64Array; x: Float64Array }>;
  /** The index's closes on `dates` (the buy-and-hold baseline). */
  index: Float64Array;
  warnings: string[];
}

function logCloses(dates: string[], series: PricePanel["series"][number]): Float64Array {
  const at = new Map(series.dates.map((d, i) => [d, series.close[i]]));
  return Float64Array.from(dates, (d) => {
    const close = at.get(d);
    return close !== undefined && close > 0 ? Math.log(close) : NaN;
  });
}

function carryForward(values: Float64Array, from: number): number {
  let filled = 0;
  for (let t = from; t < values.length; t++) {
    if (!Number.isFinite(values[t]) && t > 0 && Number.isFinite(values[t - 1])) {
      values[t] = values[t - 1];
      filled++;
    }
  }
  return filled;
}

export function buildPairDesign(panel: PricePanel, options: PairDesignOptions): PairDesign {
  const { trainStart, trainEnd, testEnd } = options;
  if (!(trainStart < trainEnd && trainEnd < testEnd)) {
    throw new Error(
      `pair design: need trainStart < trainEnd < testEnd, got ${trainStart}, ${trainEnd}, ${testEnd}`,
    );
  }
  const index = panel.series[0];
  const dates = index.dates.filter((d) => d >= trainStart && d <= testEnd);
  const testFrom = dates.findIndex((d) => d > trainEnd);
  if (testFrom < 250 || dates.length - testFrom < 60) {
    throw new Error(
      `pair design: ${testFrom} training and ${dates.length - testFrom} test days between ` +
        `${trainStart} and ${testEnd}; widen the windows (≥ 250 training, ≥ 60 test days)`,
    );
  }
  const members = panel.members.slice(1);
  const prices = panel.series.slice(1).map((s) => logCloses(dates, s));
  const selection = selectPairs(
    members.map((m) => m.symbol),
    prices.map((p) => p.slice(0, testFrom)),
    options,
  );
  if (selection.pairs.length === 0) {
    throw new Error(
      `pair design: none of the ${selection.tested} most correlated pairs is cointegrated at ` +
        `${options.level} on ${trainStart}..${trainEnd}; raise candidates or the level`,
    );
  }
  const warnings: string[] = [];
  const bySymbol = new Map(members.map((m, i) => [m.symbol, prices[i]]));
  const legs = selection.pairs.map((pair) => {
    const [y, x] = [bySymbol.get(pair.y)!.slice(), bySymbol.get(pair.x)!.slice()];
    for (const [symbol, series] of [[pair.y, y], [pair.x, x]] as const) {
      const filled = carryForward(series, testFrom);
      if (filled > 0) {
        warnings.push(`${symbol}: ${filled} test days without a close carry the last`);
      }
    }
    return { y, x };
  });
  return {
    kind: "pair-design",
    dates,
    testFrom,
    selection,
    legs,
    index: logCloses(dates, index).map(Math.exp),
    warnings,
  };
}
