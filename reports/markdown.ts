/**
 * `summary.md`: the headline table, the plain-words conclusion, the per-year table with
 * always-long beside every model, backtests, warnings and the method notes.
 */
import { conclusionParagraphs } from "./conclusion.ts";
import type { EvaluationMetrics } from "./evaluation.ts";
import { formatNumber, formatPercent, formatPoints } from "./format.ts";
import { HEADLINE_COLUMNS, headlineRows } from "./headline.ts";
import { methodNotes } from "./methods.ts";
import { experimentLine } from "./overview.ts";

function escapeCell(text: string): string {
  return text.replaceAll("|", "\\|");
}

export function markdownTable(header: string[], rows: string[][]): string {
  return [
    `| ${header.map(escapeCell).join(" | ")} |`,
    `|${header.map(() => "---").join("|")}|`,
    ...rows.map((row) => `| ${row.map(escapeCell).join(" | ")} |`),
  ].join("\n");
}

function yearTable(metrics: EvaluationMetrics): string {
  const forecasters = metrics.models.filter((m) => m.model !== "always-long");
  const years = metrics.models[0]?.byYear.map((y) => y.group) ?? [];
  const header = ["year", "always-long", ...forecasters.map((m) => `${m.label} (excess)`)];
  const rows = years.map((year) => {
    const base = metrics.models.map((m) => m.byYear.find((y) => y.group === year))
      .find((y) => y !== undefined);
    return [
      year,
      formatPercent(base?.baseRate),
      ...forecasters.map((m) => {
        const y = m.byYear.find((g) => g.group === year);
        if (!y) return "–";
        return `${formatPercent(y.da)} (${formatPoints(y.excess)})${y.standsOut ? " ⚠" : ""}`;
      }),
    ];
  });
  return markdownTable(header, rows);
}

function backtestTable(metrics: EvaluationMetrics): string {
  const header = [
    "model",
    "strategy",
    "total",
    "annual",
    "Sharpe",
    "max drawdown",
    "trades",
    "turnover/yr",
  ];
  const reference = metrics.models[0]?.backtest.buyAndHold;
  const rows = metrics.models
    .filter((m) => m.model !== "always-long")
    .flatMap((m) =>
      [m.backtest.longFlat, m.backtest.longShort].map((b) => [m.label, b.strategy, b] as const)
    );
  const all = reference ? [...rows, ["(benchmark)", "buy-and-hold", reference] as const] : rows;
  return markdownTable(
    header,
    all.map(([label, strategy, b]) => [
      label,
      strategy,
      formatPercent(b.totalReturn),
      formatPercent(b.annualReturn),
      formatNumber(b.sharpe, 2),
      formatPercent(b.maxDrawdown),
      String(b.trades),
      formatNumber(b.annualTurnover, 1),
    ]),
  );
}

export function renderMarkdown(metrics: EvaluationMetrics, title: string): string {
  const headline = headlineRows(metrics);
  const sections = [
    `# ${title}`,
    experimentLine(metrics),
    "## Headline",
    markdownTable(
      HEADLINE_COLUMNS.map(([, name]) => name),
      headline.map((row) => HEADLINE_COLUMNS.map(([key]) => row[key])),
    ),
    "## Conclusion",
    ...conclusionParagraphs(metrics),
    "## Directional accuracy by year",
    "Accuracy of each model with its excess over always-long on the same rows; ⚠ marks a year " +
    "below 50% or significantly below always-long.",
    yearTable(metrics),
    "## Backtests (step-1 forecasts, after costs)",
    backtestTable(metrics),
    ...(metrics.warnings.length
      ? ["## Warnings", metrics.warnings.map((w) => `- ${w}`).join("\n")]
      : []),
    "## Method",
    methodNotes(metrics).map((note) => `- ${note}`).join("\n"),
  ];
  return sections.join("\n\n") + "\n";
}
