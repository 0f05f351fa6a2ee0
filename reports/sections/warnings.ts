/**
 * "Warnings" of `summary.md` (collapsed models, misaligned benchmarks, names that match no
 * model). The page shows them under the headline instead, so this section has no HTML.
 */
import type { ReportSection } from "./section.ts";

export const warningsSection: ReportSection = {
  id: "warnings",
  title: "Warnings",
  html: () => [],
  markdown: ({ metrics }) =>
    metrics.warnings.length
      ? ["## Warnings", metrics.warnings.map((w) => `- ${w}`).join("\n")]
      : [],
};
