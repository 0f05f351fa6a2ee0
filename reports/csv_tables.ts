/**
 * The report's CSV files: step-1 predictions, equity curves, backtest summaries, every
 * per-group metric row, and the significance tests. Returns are written with 6 decimals,
 * shares and statistics with 6, equity with 6.
 */
import { csvNumber as num, toCsv } from "./csv.ts";
import type { EvaluationMetrics, ModelEvaluation } from "../evaluation/evaluation.ts";
import type { GroupScore } from "../evaluation/group_score.ts";
import { byStep } from "./breakdown_rows.ts";

const D = 6;

export function predictionsCsv(metrics: EvaluationMetrics): string {
  const levels = [...new Set(metrics.series.flatMap((s) => s.quantileLevels))].sort((a, b) =>
    a - b
  );
  const withVariance = metrics.series.some((s) => s.variance);
  const header = [
    "date",
    "fold",
    "regime",
    "model",
    "actual",
    "point",
    "hit",
    ...levels.map((l) => `q${l}`),
    // Step-1 variance forecasts, when a model makes them (GARCH).
    ...(withVariance ? ["variance"] : []),
  ];
  const rows = metrics.series.flatMap((s) =>
    s.dates.map((date, i) => [
      date,
      s.fold[i],
      s.regime[i],
      s.label,
      num(s.actual[i], 8),
      num(s.point[i], 8),
      (s.point[i] > 0) === (s.actual[i] > 0) ? 1 : 0,
      ...levels.map((level) => {
        const k = s.quantileLevels.indexOf(level);
        return k < 0 ? null : num(s.quantiles[k][i], 8);
      }),
      ...(withVariance ? [s.variance ? num(s.variance[i], 10) : null] : []),
    ])
  );
  return toCsv(header, rows);
}

export function equityCsv(metrics: EvaluationMetrics): string {
  if (metrics.series.length === 0) return toCsv(["date"], []);
  const reference = metrics.series.reduce((a, b) => (b.dates.length > a.dates.length ? b : a));
  const columns = metrics.series.flatMap((s) => {
    const at = new Map(s.dates.map((d, i) => [d, i]));
    return [
      { name: `${s.label}_long_flat`, at, values: s.equity.longFlat },
      { name: `${s.label}_long_short`, at, values: s.equity.longShort },
    ];
  });
  const header = ["date", "buy_and_hold", ...columns.map((c) => c.name)];
  const rows = reference.dates.map((date, i) => [
    date,
    num(reference.equity.buyAndHold[i], D),
    ...columns.map((c) => {
      const j = c.at.get(date);
      return j === undefined ? null : num(c.values[j], D);
    }),
  ]);
  return toCsv(header, rows);
}

export function backtestsCsv(metrics: EvaluationMetrics): string {
  const { costPerTrade, threshold } = metrics.settings.backtest;
  const header = [
    "model",
    "strategy",
    "periods",
    "total_return",
    "annual_return",
    "annual_volatility",
    "sharpe",
    "max_drawdown",
    "trades",
    "turnover",
    "annual_turnover",
    "exposure",
    "cost_per_trade",
    "threshold",
  ];
  const rows = metrics.models.flatMap((m) =>
    [m.backtest.longFlat, m.backtest.longShort, m.backtest.buyAndHold].map((b) => [
      m.label,
      b.strategy,
      b.periods,
      num(b.totalReturn, D),
      num(b.annualReturn, D),
      num(b.annualVolatility, D),
      num(b.sharpe, D),
      num(b.maxDrawdown, D),
      b.trades,
      num(b.turnover, 2),
      num(b.annualTurnover, 4),
      num(b.exposure, D),
      num(costPerTrade, 8),
      num(threshold, 8),
    ])
  );
  return toCsv(header, rows);
}

const METRIC_HEADER = [
  "model",
  "kind",
  "scope",
  "group",
  "n",
  "da",
  "base_rate",
  "excess",
  "da_ci_low",
  "da_ci_high",
  "base_rate_ci_low",
  "base_rate_ci_high",
  "excess_ci_low",
  "excess_ci_high",
  "mae",
  "rmse",
  "pinball",
  "interval_nominal",
  "interval_coverage",
  "interval_width",
  "prediction_std",
  "actual_std",
  "std_ratio",
  "share_long",
  "pt_stat",
  "pt_p",
  "stands_out",
];

function metricRow(m: ModelEvaluation, scope: string, g: GroupScore) {
  const outer = g.intervals[0];
  return [
    m.label,
    m.model,
    scope,
    g.group,
    g.n,
    num(g.da, D),
    num(g.baseRate, D),
    num(g.excess, D),
    num(g.daCi?.low, D),
    num(g.daCi?.high, D),
    num(g.baseRateCi?.low, D),
    num(g.baseRateCi?.high, D),
    num(g.excessCi?.low, D),
    num(g.excessCi?.high, D),
    num(g.mae, 8),
    num(g.rmse, 8),
    num(g.pinball, 8),
    num(outer?.nominal, 4),
    num(outer?.coverage, D),
    num(outer?.width, 8),
    num(g.predictionStd, 8),
    num(g.actualStd, 8),
    num(g.stdRatio, D),
    num(g.shareLong, D),
    num(g.pesaranTimmermann.stat, D),
    num(g.pesaranTimmermann.pValue, D),
    g.standsOut,
  ];
}

export function metricsCsv(metrics: EvaluationMetrics): string {
  const rows = metrics.models.flatMap((m) => [
    metricRow(m, "pooled", m.pooled),
    ...m.folds.map((g) => metricRow(m, "fold", g)),
    ...m.byYear.map((g) => metricRow(m, "year", g)),
    ...m.byRegime.map((g) => metricRow(m, "regime", g)),
    ...byStep(m).map((g) => metricRow(m, "step", g)),
  ]);
  return toCsv(METRIC_HEADER, rows);
}

export function significanceCsv(metrics: EvaluationMetrics): string {
  const header = [
    "model",
    "test",
    "against",
    "loss",
    "step",
    "n",
    "mean_difference",
    "stat",
    "p_value",
    "note",
  ];
  const rows = metrics.models.flatMap((m) => [
    [
      m.label,
      "pesaran-timmermann",
      "independence",
      "direction",
      1,
      m.pooled.pesaranTimmermann.n,
      num(m.pooled.pesaranTimmermann.hitRate - m.pooled.pesaranTimmermann.expectedHitRate, D),
      num(m.pooled.pesaranTimmermann.stat, D),
      num(m.pooled.pesaranTimmermann.pValue, D),
      "one-sided",
    ],
    ...m.dieboldMariano.map((d) => [
      m.label,
      "diebold-mariano-hln",
      d.against,
      d.loss,
      d.step,
      d.n,
      num(d.meanDifference, 10),
      num(d.stat, D),
      num(d.pValue, D),
      `two-sided; ${d.kernel} kernel`,
    ]),
  ]);
  return toCsv(header, rows);
}
