/**
 * `summary.md`: the title, the experiment and how to re-render it, then the chosen report
 * sections in order (`sections/registry.ts`; by default the headline table and conclusion,
 * the collapse diagnostics, directional accuracy per fold, year, regime and step, backtests,
 * volatility, what the models look at, warnings, the run and the method notes).
 */
import type { EvaluationMetrics } from "../evaluation/evaluation.ts";
import { experimentLine } from "./overview.ts";
import { reportCommand, type RunIdentity } from "./run_info.ts";
import type { ReportSection } from "./sections/section.ts";

export interface MarkdownOptions {
  metrics: EvaluationMetrics;
  title: string;
  identity: RunIdentity;
  sections: ReportSection[];
}

export function renderMarkdown({ metrics, title, identity, sections }: MarkdownOptions): string {
  const reproduce = identity.key
    ? [`Re-render this report with \`${reportCommand(identity.key)}\`.`]
    : [];
  const blocks = [
    `# ${title}`,
    experimentLine(metrics),
    ...reproduce,
    ...sections.flatMap((section) => section.markdown({ metrics, identity })),
  ];
  return blocks.join("\n\n") + "\n";
}
