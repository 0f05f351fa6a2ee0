/**
 * `index.html`: one self-contained page (inline CSS and SVG, no scripts, no network) with
 * the headline and conclusion first, then direction, forecasts, significance, backtests,
 * collapse diagnostics, interpretation, the run (how to reproduce it) and the method notes.
 */
import type { ChartDefinition, ReportSection } from "../charts/definition.ts";
import type { RenderedChart } from "../charts/render.ts";
import { conclusionParagraphs } from "../conclusion.ts";
import type { EvaluationMetrics } from "../../evaluation/evaluation.ts";
import { methodNotes } from "../methods.ts";
import { modelNotesHtml } from "../model_notes.ts";
import { volatilityHtml } from "../volatility_section.ts";
import { experimentLine } from "../overview.ts";
import { backtestTable, collapseTable, errorsTable, significanceTable } from "./detail_tables.ts";
import { yearsAreFolds } from "../breakdown_rows.ts";
import { identityLine, reportCommand, type RunIdentity } from "../run_info.ts";
import { foldTable, headlineTable, regimeTable, stepTable, yearTable } from "./direction_tables.ts";
import { escapeHtml, inlineMarkdown } from "./escape.ts";
import { interpretationHtml } from "./interpretation_section.ts";
import { runSection } from "./run_section.ts";
import { STYLE } from "./style.ts";

export interface PageChart {
  definition: ChartDefinition;
  rendered: RenderedChart;
}

function figure({ definition, rendered }: PageChart): string {
  return `<figure class="chart" id="chart-${definition.id}" data-chart="${definition.id}">` +
    `<figcaption><strong>${escapeHtml(definition.title)}</strong>${
      escapeHtml(definition.caption)
    }</figcaption>` +
    `<div class="svg" role="img" aria-label="${
      escapeHtml(definition.title)
    }">${rendered.svg}</div></figure>`;
}

function section(id: string, title: string, parts: Array<string | null>): string {
  const body = parts.filter((p): p is string => p !== null && p !== "").join("\n");
  return `<section id="${id}"><h2>${escapeHtml(title)}</h2>\n${body}\n</section>`;
}

/** Under the title: where the report came from and how to re-render it. */
function runLine(identity: RunIdentity): string {
  if (!identity.pipeline && !identity.key) return "";
  const parts = [
    identity.pipeline ? `Pipeline ${escapeHtml(identity.pipeline)}` : null,
    identity.key ? `re-render: <code>${escapeHtml(reportCommand(identity.key))}</code>` : null,
    `<a href="#run">run details</a>`,
  ].filter((p) => p !== null);
  return `<p class="run-line">${parts.join(" · ")}</p>`;
}

export interface PageOptions {
  metrics: EvaluationMetrics;
  title: string;
  charts: PageChart[];
  identity: RunIdentity;
}

export function renderHtml(options: PageOptions): string {
  const { metrics, title, charts, identity } = options;
  const sameAsFolds = yearsAreFolds(metrics);
  const figures = (name: ReportSection) =>
    charts.filter((c) => c.definition.section === name).map(figure).join("\n");
  const modelFigures = (label: string) =>
    charts.filter((c) => c.definition.section === "interpretation" && c.definition.model === label)
      .map(figure).join("\n");
  const [overall, ...perModel] = conclusionParagraphs(metrics);
  const warnings = metrics.warnings.length
    ? `<div class="warnings"><ul>${
      metrics.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join("")
    }</ul></div>`
    : null;
  const sections: Array<[string, string, Array<string | null>]> = [
    ["headline", "Headline", [
      headlineTable(metrics),
      `<div class="conclusion">${
        [overall, ...perModel].map((p) => `<p>${inlineMarkdown(p)}</p>`).join("\n")
      }</div>`,
      warnings,
      modelNotesHtml(metrics),
    ]],
    ["direction", "Direction against always-long", [
      figures("direction"),
      foldTable(metrics, sameAsFolds),
      sameAsFolds ? null : "<h3>By year</h3>",
      sameAsFolds ? null : yearTable(metrics),
      "<h3>By regime</h3>",
      regimeTable(metrics),
      metrics.horizon > 1 ? "<h3>By forecast step</h3>" : null,
      metrics.horizon > 1 ? stepTable(metrics) : null,
    ]],
    ["forecasts", "Return forecasts and intervals", [figures("forecasts"), errorsTable(metrics)]],
    ["significance", "Significance tests", [significanceTable(metrics)]],
    ["backtests", "Backtests", [figures("backtests"), backtestTable(metrics)]],
    ["volatility", "Volatility forecasts", [volatilityHtml(metrics)]],
    ["collapse", "Collapse diagnostics", [collapseTable(metrics), figures("collapse")]],
    ["interpretation", "What the models look at", interpretationHtml(metrics, modelFigures)],
    ["run", "Run", runSection(metrics, identity)],
    ["method", "Method", [
      `<ul class="method">${
        methodNotes(metrics).map((n) => `<li>${escapeHtml(n)}</li>`).join("\n")
      }</ul>`,
    ]],
  ];
  const visible = sections.filter(([, , parts]) => parts.some((p) => p));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header><h1>${escapeHtml(title)}</h1><p class="lede">${escapeHtml(experimentLine(metrics))}</p>${
    runLine(identity)
  }</header>
<nav>${visible.map(([id, name]) => `<a href="#${id}">${escapeHtml(name)}</a>`).join("\n")}</nav>
${visible.map(([id, name, parts]) => section(id, name, parts)).join("\n")}
<footer>${escapeHtml(identityLine(identity, metrics))} ${charts.length} charts.</footer>
</main>
</body>
</html>
`;
}
