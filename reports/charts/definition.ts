/** A chart of the report: what it is called and how to read it (its section shows it). */
import type { ChartSpec } from "./render.ts";

export interface ChartDefinition {
  /** Stable kebab-case id: the figure's `data-chart` attribute and the SVG id prefix. */
  id: string;
  title: string;
  /** One or two sentences on how to read it. */
  caption: string;
  spec: ChartSpec;
  /** The model a per-model chart belongs to (its label), so the page can group them. */
  model?: string;
}
