/**
 * One look for every chart: system fonts, quiet axes, and a fixed colour per model label
 * (`colors.ts`: the benchmark and buy-and-hold in neutral greys, so they read as such).
 */
import { modelColors } from "./colors.ts";
import type { ChartSpec } from "./render.ts";

export const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

/** Colour scale over labels in report order (each label's colour from `colors.ts`). */
export function colorScale(labels: string[], benchmarks: Set<string>): ChartSpec {
  const colors = modelColors(labels, benchmarks);
  return { domain: labels, range: labels.map((label) => colors.get(label)!) };
}

export const CHART_CONFIG: ChartSpec = {
  font: FONT,
  // Per-mark ARIA labels would triple the size of scatter plots; each figure has its own title.
  aria: false,
  background: "#ffffff",
  padding: 8,
  view: { stroke: null },
  axis: {
    labelColor: "#444",
    titleColor: "#222",
    titleFontWeight: 600,
    labelFontSize: 11,
    titleFontSize: 12,
    gridColor: "#ececec",
    domainColor: "#999",
    tickColor: "#999",
  },
  legend: { labelFontSize: 11, titleFontSize: 12, orient: "bottom", direction: "horizontal" },
  header: { labelFontSize: 12, labelFontWeight: 600, titleFontSize: 12 },
  title: { fontSize: 13, fontWeight: 600, anchor: "start", color: "#222", subtitleColor: "#555" },
};

/** A spec with the shared config, schema and a fixed width. */
export function chart(spec: ChartSpec, width = 640, height = 260): ChartSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: CHART_CONFIG,
    ...("vconcat" in spec || "hconcat" in spec || "facet" in spec ? {} : { width, height }),
    ...spec,
  };
}
