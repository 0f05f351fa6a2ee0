/**
 * The feature stage's output: one row per bar (daily or weekly), point in time. Row t is
 * the bar ending `dates[t]`; `target[t]` is the simple return over bar t (raw); `past`
 * holds what is observable at that bar's close; `known` the calendar features; `regime` the
 * label of the documented rule. Leading warm-up rows (moving averages, year-on-year
 * changes, first releases) are dropped, so every value in the frame is finite.
 */
import type { Frequency } from "../models/contract.ts";
import { type Bars, dailyBars } from "./bars.ts";
import { CALENDAR_FEATURES, calendarFeatures } from "./features/calendar.ts";
import { MACRO_FEATURES, type MacroFeature, macroFeatures } from "./features/macro.ts";
import {
  isStalenessFeature,
  STALENESS_FEATURES,
  type StalenessFeature,
} from "./features/staleness.ts";
import { PRICE_FEATURES, type PriceFeature, priceFeatures } from "./features/price.ts";
import type { PublicationRule } from "./publication.ts";
import { describeRegimeRule, REGIME_LABELS, regimeLabels, type RegimeRule } from "./regime.ts";
import { type MacroSeries, PRICE_COLUMNS, type PriceSeries } from "./snapshot.ts";
import { weeklyBars } from "./weekly.ts";

/** The default feature set (every price and macro feature). */
export const FEATURE_NAMES = [...PRICE_FEATURES, ...MACRO_FEATURES] as const;
/** Every feature a frame can hold: the defaults plus the opt-in staleness features. */
export const ALL_FEATURE_NAMES = [...FEATURE_NAMES, ...STALENESS_FEATURES] as const;
export type FeatureName = typeof ALL_FEATURE_NAMES[number];

export interface NamedColumns {
  names: string[];
  columns: Float64Array[];
}

export interface FeatureFrame {
  kind: "feature-frame";
  frequency: Frequency;
  dates: string[];
  /** Trading-day ordinal (index in the daily price series) of each bar's last day. */
  ordinal: Int32Array;
  close: Float64Array;
  /** Simple return over bar t: close[t-1] → close[t]. Raw, never scaled. */
  target: Float64Array;
  /** Point-in-time features; always starts with "ret" (the lagged target, as observed). */
  past: NamedColumns;
  known: NamedColumns;
  regime: string[];
  regimeLabels: string[];
  regimeRule: string;
  /** Publication rule applied to each macro series, for the record. */
  publication: Record<string, PublicationRule>;
  warnings: string[];
}

export interface FrameInputs {
  spx: PriceSeries;
  /** VIX closes; when null, FRED VIXCLS from the macro input is used. */
  vix: PriceSeries | null;
  macro: MacroSeries;
}

export interface FrameOptions {
  frequency: Frequency;
  features: readonly FeatureName[];
  publication: Readonly<Record<string, PublicationRule>>;
  maxGapDays: number;
  regime: RegimeRule;
}

function firstCompleteRow(columns: Float64Array[], regime: string[]): number {
  for (let t = 0; t < regime.length; t++) {
    if (regime[t] !== "unknown" && columns.every((c) => Number.isFinite(c[t]))) return t;
  }
  return regime.length;
}

function checkFinite(frame: NamedColumns, dates: string[]) {
  frame.columns.forEach((column, j) => {
    for (let t = 0; t < column.length; t++) {
      if (Number.isFinite(column[t])) continue;
      throw new Error(
        `feature "${frame.names[j]}" is ${column[t]} on ${dates[t]} after the warm-up rows: ` +
          `an input value around that date is not a number; the fetch nodes' warnings name ` +
          `the series and rows to fix in the source or the mirror file`,
      );
    }
  });
}

function checkInputs(inputs: FrameInputs) {
  const wrong = (name: string, want: string) =>
    new Error(`feature input "${name}" must be a ${want} snapshot (wire it to that fetch node)`);
  if (inputs.spx?.kind !== "prices") throw wrong("spx", "fetchPrices");
  if (inputs.vix && inputs.vix.kind !== "prices") throw wrong("vix", "fetchPrices");
  if (inputs.macro?.kind !== "macro") throw wrong("macro", "fetchMacro");
  for (const [name, series] of [["spx", inputs.spx], ["vix", inputs.vix]] as const) {
    if (!series) continue;
    for (const column of PRICE_COLUMNS) {
      if (series[column].length === series.dates.length) continue;
      throw new Error(
        `feature input "${name}": ${column} has ${series[column].length} rows but there are ` +
          `${series.dates.length} dates (a damaged snapshot; fetch it again)`,
      );
    }
  }
}

export function buildFeatureFrame(inputs: FrameInputs, options: FrameOptions): FeatureFrame {
  checkInputs(inputs);
  const daily = dailyBars(inputs.spx);
  const bars: Bars = options.frequency === "weekly" ? weeklyBars(daily) : daily;
  const price = priceFeatures(bars, daily);
  const wantedMacro = options.features.filter((f): f is MacroFeature =>
    (MACRO_FEATURES as readonly string[]).includes(f)
  );
  const macro = macroFeatures(wantedMacro, {
    bars,
    vix: inputs.vix && { dates: inputs.vix.dates, values: inputs.vix.close },
    macro: inputs.macro,
    overrides: options.publication,
    maxGapDays: options.maxGapDays,
  }, options.features.filter(isStalenessFeature));
  const pastNames: FeatureName[] = ["ret", ...options.features.filter((f) => f !== "ret")];
  const pastColumns = pastNames.map((name) =>
    (PRICE_FEATURES as readonly string[]).includes(name)
      ? price[name as PriceFeature]
      : macro.columns.get(name as MacroFeature | StalenessFeature)!
  );
  const calendar = calendarFeatures(bars);
  const regime = regimeLabels(bars, daily, macro.vix, options.regime);
  const start = firstCompleteRow(pastColumns, regime);
  if (start >= bars.dates.length - 1) {
    throw new Error(
      `no complete feature rows: the inputs (${bars.dates[0]}..${bars.dates.at(-1)}) are ` +
        `shorter than the warm-up the features need; fetch a longer history`,
    );
  }
  const cut = (column: Float64Array) => column.slice(start);
  const past = { names: pastNames.slice(), columns: pastColumns.map(cut) };
  const dates = bars.dates.slice(start);
  checkFinite(past, dates);
  return {
    kind: "feature-frame",
    frequency: options.frequency,
    dates,
    ordinal: bars.ordinal.slice(start),
    close: cut(bars.close),
    target: cut(price.ret),
    past,
    known: {
      names: [...CALENDAR_FEATURES],
      columns: CALENDAR_FEATURES.map((name) => cut(calendar[name])),
    },
    regime: regime.slice(start),
    regimeLabels: [...REGIME_LABELS],
    regimeRule: describeRegimeRule(options.regime),
    publication: macro.rules,
    warnings: [...macro.warnings],
  };
}
