/**
 * A report section: an id the report node's `sections` parameter names, its charts, and its
 * HTML and Markdown renderers. `registry.ts` lists the sections a report can show; the page
 * and `summary.md` render the chosen ones in the chosen order, so a study adds a section by
 * writing one module and registering it, without editing the page.
 */
import type { EvaluationMetrics } from "../../evaluation/evaluation.ts";
import type { ChartDefinition } from "../charts/definition.ts";
import type { RunIdentity } from "../run_info.ts";

export interface SectionInput {
  metrics: EvaluationMetrics;
  /** The report node that renders (its pipeline and key when the engine runs it). */
  identity: RunIdentity;
}

export interface HtmlSectionInput extends SectionInput {
  /** This section's rendered chart figures, all or those `keep` picks, in chart order. */
  figures(keep?: (chart: ChartDefinition) => boolean): string;
}

export interface ReportSection {
  /** Stable kebab-case id: the HTML section's id and the name in the report parameters. */
  id: string;
  /** Heading and navigation entry of the HTML section. */
  title: string;
  /** The charts it shows (null: not drawn for these metrics), in page order. */
  charts?(metrics: EvaluationMetrics): Array<ChartDefinition | null>;
  /** Parts of the HTML section; the section is left out when every part is empty. */
  html(input: HtmlSectionInput): Array<string | null>;
  /** Blocks of `summary.md` (its own `##` headings included); none leaves it out there. */
  markdown(input: SectionInput): string[];
}
