/**
 * The backtest table as rows of text, shared by `index.html` and `summary.md`: every
 * forecaster's long/flat and long/short strategies, then buy-and-hold.
 */
import type { BacktestSummary } from "../evaluation/backtest.ts";
import { forecasters } from "../evaluation/benchmark.ts";
import type { EvaluationMetrics } from "../evaluation/evaluation.ts";
import { formatNumber, formatPercent } from "./format.ts";

export const BACKTEST_HEADER = [
  "model",
  "strategy",
  "total return",
  "annual return",
  "annual vol.",
  "Sharpe",
  "max drawdown",
  "trades",
  "turnover / yr",
  "time in market",
];

function cells(label: string, b: BacktestSummary): string[] {
  return [
    label,
    b.strategy,
    formatPercent(b.totalReturn),
    formatPercent(b.annualReturn),
    formatPercent(b.annualVolatility),
    formatNumber(b.sharpe, 2),
    formatPercent(b.maxDrawdown),
    String(b.trades),
    formatNumber(b.annualTurnover, 1),
    formatPercent(b.exposure, 0),
  ];
}

export function backtestRows(metrics: EvaluationMetrics): string[][] {
  const rows = forecasters(metrics)
    .flatMap((m) => [cells(m.label, m.backtest.longFlat), cells(m.label, m.backtest.longShort)]);
  const reference = metrics.models[0]?.backtest.buyAndHold;
  return reference ? [...rows, cells("(benchmark)", reference)] : rows;
}
