/**
 * Fixed number formatting for every rendered file, so that the same numbers always give
 * the same bytes (no locale, no wall clock). Undefined values print as an en dash.
 */
import type { EvaluationMetrics } from "../evaluation/evaluation.ts";

export const MISSING = "–";

/** The bootstrap interval level as a percentage: "95%". */
export function ciPercent(metrics: EvaluationMetrics): string {
  return `${Math.round(metrics.settings.ciLevel * 100)}%`;
}

/** Fixed decimals; −0 prints as 0. */
export function formatNumber(value: number | null | undefined, digits: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  const text = value.toFixed(digits);
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text.replace("-", "−");
}

/** A share as a percentage: 0.5912 → "59.1%". */
export function formatPercent(value: number | null | undefined, digits = 1): string {
  const text = formatNumber(value === null || value === undefined ? value : value * 100, digits);
  return text === MISSING ? text : `${text}%`;
}

/** A difference of shares in percentage points, signed: 0.012 → "+1.2 pp". */
export function formatPoints(value: number | null | undefined, digits = 1): string {
  const text = formatNumber(value === null || value === undefined ? value : value * 100, digits);
  if (text === MISSING) return text;
  return `${text.startsWith("−") || Number(text) === 0 ? "" : "+"}${text} pp`;
}

/** An interval of shares in percentage points: "[−3.1, +2.4] pp". */
export function formatPointsInterval(interval: { low: number; high: number } | null): string {
  if (!interval) return MISSING;
  const part = (x: number) => formatPoints(x).replace(" pp", "");
  return `[${part(interval.low)}, ${part(interval.high)}] pp`;
}

/** A p-value: "= 0.034", "< 0.001". */
export function formatP(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  return value < 0.001 ? "< 0.001" : `= ${value.toFixed(3)}`;
}

/** A p-value in a table cell, the column naming it: "0.034", "< 0.001". */
export function formatPValue(value: number | null | undefined): string {
  return formatP(value).replace(/^= /, "");
}

/** A spread (a standard deviation of shares) in percentage points, unsigned: 0.052 → "5.2 pp". */
export function formatSpread(value: number | null | undefined): string {
  const text = formatNumber(value === null || value === undefined ? value : value * 100, 1);
  return text === MISSING ? text : `${text} pp`;
}

/** An interval of shares in percent, without the unit: "[52.5, 61.0]". */
export function formatPercentInterval(interval: { low: number; high: number } | null): string {
  if (!interval) return MISSING;
  return `[${formatNumber(interval.low * 100, 1)}, ${formatNumber(interval.high * 100, 1)}]`;
}

/** A share with its interval, in percent: "56.7% [52.5, 61.0]". */
export function formatPercentWithInterval(
  value: number | null | undefined,
  interval: { low: number; high: number } | null,
): string {
  const text = formatPercent(value);
  return text === MISSING || !interval ? text : `${text} ${formatPercentInterval(interval)}`;
}

/** A number and its qualifier as text: "56.7%" and "[52.5, 61.0]", or "−0.38" and "(p = 0.02)". */
export interface Estimate {
  value: string;
  detail: string;
}

/** "56.7% [52.5, 61.0]" (the value alone when there is no detail). */
export function joinEstimate({ value, detail }: Estimate): string {
  return detail === MISSING || value === MISSING ? value : `${value} ${detail}`;
}
