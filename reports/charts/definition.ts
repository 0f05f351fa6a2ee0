/** A chart of the report: where it goes, what it is called and how to read it. */
import type { ChartSpec } from "./render.ts";

export type ReportSection = "direction" | "forecasts" | "backtests" | "collapse" | "interpretation";

export interface ChartDefinition {
  /** Stable kebab-case id: the figure's `data-chart` attribute and the SVG id prefix. */
  id: string;
  section: ReportSection;
  title: string;
  /** One or two sentences on how to read it. */
  caption: string;
  spec: ChartSpec;
  /** The model a per-model chart belongs to (its label), so the page can group them. */
  model?: string;
}
