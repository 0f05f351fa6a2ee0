/** A chart as the page shows it: a figure with its title, caption and inline SVG. */
import type { ChartDefinition } from "../charts/definition.ts";
import type { RenderedChart } from "../charts/render.ts";
import { escapeHtml } from "./escape.ts";

export interface PageChart {
  definition: ChartDefinition;
  rendered: RenderedChart;
}

export function figure({ definition, rendered }: PageChart): string {
  return `<figure class="chart" id="chart-${definition.id}" data-chart="${definition.id}">` +
    `<figcaption><strong>${escapeHtml(definition.title)}</strong>${
      escapeHtml(definition.caption)
    }</figcaption>` +
    `<div class="svg" role="img" aria-label="${
      escapeHtml(definition.title)
    }">${rendered.svg}</div></figure>`;
}
