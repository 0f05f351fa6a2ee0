/** Tables of errors, intervals, significance tests, backtests, collapse and coefficients. */
import { isBenchmark } from "../../evaluation/benchmark.ts";
import type { EvaluationMetrics } from "../../evaluation/evaluation.ts";
import { formatNumber, formatP, formatPercent, MISSING } from "../format.ts";
import { BACKTEST_HEADER, backtestRows } from "../backtest_rows.ts";
import {
  COLLAPSE_HEADER,
  COLLAPSE_NOTE,
  collapseRows,
  judgedOnVolatility,
} from "../collapse_rows.ts";
import { type Cell, estimateCell, htmlTable } from "./table.ts";

export function errorsTable(metrics: EvaluationMetrics): string {
  return htmlTable({
    header: [
      "model",
      "MAE",
      "RMSE",
      "pinball",
      "interval",
      "coverage",
      "width",
      "pred. std",
      "realised std",
      "std ratio",
      "share up",
    ],
    rows: metrics.models.map((m) => {
      const p = m.pooled;
      const outer = p.intervals[0];
      return [
        m.label,
        formatPercent(p.mae, 3),
        formatPercent(p.rmse, 3),
        p.pinball === null ? MISSING : formatPercent(p.pinball, 3),
        outer ? `${formatPercent(outer.nominal, 0)}` : MISSING,
        outer ? formatPercent(outer.coverage) : MISSING,
        outer ? formatPercent(outer.width, 2) : MISSING,
        formatPercent(p.predictionStd, 3),
        formatPercent(p.actualStd, 3),
        formatNumber(p.stdRatio, 2),
        formatPercent(p.shareLong),
      ];
    }),
    caption: "Pooled step-1 errors of the return forecasts (in return percent). Interval: the " +
      "widest central interval of the quantile forecasts, its empirical coverage and mean width.",
  });
}

/** One row per model, test, benchmark and loss; one column per forecast step. */
export function significanceTable(metrics: EvaluationMetrics): string {
  const steps = Array.from({ length: metrics.horizon }, (_, h) => h + 1);
  const cell = (stat: number | null, p: number | null): Cell =>
    stat === null
      ? { text: "undefined", flag: "muted" }
      : `${formatNumber(stat, 2)} (p ${formatP(p)})`;
  const rows: Cell[][] = metrics.models.flatMap((m) => {
    const pt = m.pooled.pesaranTimmermann;
    const ptRow: Cell[] = [
      m.label,
      "Pesaran–Timmermann, one-sided",
      "independence",
      "direction",
      cell(pt.stat, pt.pValue),
      ...steps.slice(1).map(() => MISSING),
    ];
    const groups = new Map<string, typeof m.dieboldMariano>();
    for (const d of m.dieboldMariano) {
      const key = `${d.against}\u0000${d.loss}`;
      groups.set(key, [...(groups.get(key) ?? []), d]);
    }
    const dmRows = [...groups.values()].map((tests): Cell[] => [
      m.label,
      "Diebold–Mariano (HLN)",
      tests[0].against,
      tests[0].loss,
      ...steps.map((step) => {
        const d = tests.find((t) => t.step === step);
        return d ? cell(d.stat, d.pValue) : MISSING;
      }),
    ]);
    return [ptRow, ...dmRows];
  });
  return htmlTable({
    header: ["model", "test", "against", "loss", ...steps.map((s) => `step ${s}`)],
    rows,
    numericFrom: 4,
    caption:
      "Statistic (p-value) per forecast step, pooled over folds. Diebold–Mariano: negative " +
      "statistic = the model's loss is lower " +
      "than the benchmark's; two-sided, long-run variance over h − 1 lags at step h. Undefined: " +
      "the model makes the same calls as the benchmark on every row, or never changes its call.",
  });
}

export function backtestTable(metrics: EvaluationMetrics): string {
  return htmlTable({
    header: BACKTEST_HEADER,
    numericFrom: 2,
    rows: backtestRows(metrics),
    caption: "Step-1 forecasts pooled over the test rows of every fold, after costs.",
  });
}

export function collapseTable(metrics: EvaluationMetrics): string {
  return htmlTable({
    header: COLLAPSE_HEADER,
    numericFrom: 2,
    rows: collapseRows(metrics).map(({ model, pattern, cells }): Cell[] => [
      model.label,
      isBenchmark(metrics.settings, model) || judgedOnVolatility(model)
        ? { text: pattern, flag: "muted" }
        : model.collapse.collapsed
        ? { text: pattern, flag: "bad", title: model.collapse.reasons.join("; ") }
        : pattern,
      ...cells.map((cell) => typeof cell === "string" ? cell : estimateCell(cell)),
    ]),
    caption: `${COLLAPSE_NOTE} ` +
      "Epoch columns: validation rows at the first epoch and at the kept checkpoint, mean " +
      "over folds. r: correlation of validation loss with validation accuracy across " +
      "epochs, pooled over folds (and after removing fold means).",
  });
}
