/**
 * Renders every report file from the evaluation metrics: `index.html` (self-contained,
 * Vega-Lite SVG charts), `summary.md`, `metrics.json` (the metrics without the per-row
 * series) and CSVs. Deterministic: the same metrics give byte-identical files.
 */
import type { ReportFiles } from "../engine/task.ts";
import { renderChart } from "./charts/render.ts";
import {
  backtestsCsv,
  equityCsv,
  metricsCsv,
  predictionsCsv,
  significanceCsv,
} from "./csv_tables.ts";
import type { EvaluationMetrics } from "../evaluation/evaluation.ts";
import type { PageChart } from "./html/figure.ts";
import { type PageSection, renderHtml } from "./html/page.ts";
import { renderMarkdown } from "./markdown.ts";
import type { RunIdentity } from "./run_info.ts";
import { sortedJson } from "../evaluation/sorted_json.ts";
import { DEFAULT_SECTIONS, resolveSections } from "./sections/registry.ts";

export interface RenderOptions {
  title: string;
  /** The report node that renders (its pipeline and key when the engine runs it). */
  identity?: RunIdentity;
  /** Ids of the sections to show, in order (`sections/registry.ts`); the default list if omitted. */
  sections?: readonly string[];
}

/**
 * `metrics.json`: the metrics without the per-row series, keys sorted (the store's codec
 * sorts map keys too, so a re-render from the cache gives the same bytes), NaN as null.
 */
export function metricsJson(metrics: EvaluationMetrics): string {
  const { series: _series, ...rest } = metrics;
  return sortedJson(rest, 2) + "\n";
}

export async function renderReportFiles(
  metrics: EvaluationMetrics,
  options: RenderOptions,
): Promise<ReportFiles & { chartWarnings: string[] }> {
  const identity = options.identity ?? { nodeId: "report", pipeline: null, key: null };
  const sections = resolveSections(options.sections ?? DEFAULT_SECTIONS);
  const page: PageSection[] = [];
  for (const section of sections) {
    const charts: PageChart[] = [];
    for (const definition of section.charts?.(metrics) ?? []) {
      if (!definition) continue;
      charts.push({ definition, rendered: await renderChart(definition.id, definition.spec) });
    }
    page.push({ section, charts });
  }
  const charts = page.flatMap((s) => s.charts);
  return {
    files: {
      "index.html": renderHtml({ metrics, title: options.title, sections: page, identity }),
      "summary.md": renderMarkdown({ metrics, title: options.title, identity, sections }),
      "metrics.json": metricsJson(metrics),
      "metrics.csv": metricsCsv(metrics),
      "significance.csv": significanceCsv(metrics),
      "backtests.csv": backtestsCsv(metrics),
      "equity.csv": equityCsv(metrics),
      "predictions.csv": predictionsCsv(metrics),
    },
    chartWarnings: charts.flatMap((c) =>
      c.rendered.warnings.map((w) => `${c.definition.id}: ${w}`)
    ),
  };
}
