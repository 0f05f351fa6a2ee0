/**
 * The "replicates" section: each model fitted under several seeds, pooled
 * (`evaluation/replicates.ts`): accuracy over every seed's calls beside always-long on the
 * same rows, the excess with its interval, and the spread across seeds beside the spread
 * across folds. Empty (so left out) for an evaluation without replicates.
 */
import { escapeHtml } from "../html/escape.ts";
import { formatPercent, formatPoints, formatPointsInterval, formatSpread } from "../format.ts";
import { htmlTable } from "../html/table.ts";
import { markdownTable } from "../markdown_tables.ts";
import { replicatesOf, type ReplicateSummary } from "../../evaluation/replicates.ts";
import type { ReportSection } from "./section.ts";

const HEADER = [
  "Model",
  "Seeds",
  "DA (all seeds)",
  "Always-long",
  "Excess",
  "Interval",
  "Std across seeds",
  "Std across folds",
  "Collapsed in",
];

function rows(summary: ReplicateSummary): string[][] {
  return summary.models.map((m) => [
    m.benchmark ? `${m.label} (benchmark)` : m.label,
    String(m.replicates),
    formatPercent(m.da),
    formatPercent(m.baseRate),
    m.benchmark ? "–" : formatPoints(m.excess),
    m.benchmark ? "–" : formatPointsInterval(m.excessCi),
    formatSpread(m.seedStd),
    formatSpread(m.foldStd),
    m.benchmark ? "–" : `${m.collapsed} of ${m.replicates}`,
  ]);
}

function note(summary: ReplicateSummary): string {
  const level = Math.round(summary.ciLevel * 100);
  return `Every model fitted once per replicate (${summary.replicates.join(", ")}), each ` +
    "under its own seed derived from the run's; step-1 calls on the same test rows. DA " +
    "pools every seed's calls; always-long is scored on the same rows. Interval: " +
    `${level}% block bootstrap of the rows within folds, each row counting the share of ` +
    "seeds that called it right (seeds are not extra data). Std across seeds: of each " +
    "seed's pooled excess; across folds: of each fold's excess of the seed-averaged calls. " +
    `Every other section of this report shows replicate ${summary.shown} alone.`;
}

/** One sentence: how many forecasters beat always-long with an interval above zero. */
function verdict(summary: ReplicateSummary): string {
  const judged = summary.models.filter((m) => !m.benchmark);
  const above = judged.filter((m) => m.excessCi !== null && m.excessCi.low > 0);
  const below = judged.filter((m) => m.excessCi !== null && m.excessCi.high < 0);
  const names = (list: typeof judged) => list.map((m) => m.label).join(", ");
  return `Pooled over ${summary.replicates.length} seeds, ${above.length} of ${judged.length} ` +
    `models beat always-long with an interval above zero${
      above.length ? ` (${names(above)})` : ""
    }; ${below.length} fall significantly below it${below.length ? ` (${names(below)})` : ""}.`;
}

export const replicatesSection: ReportSection = {
  id: "replicates",
  title: "Seeds pooled",
  html: ({ metrics }) => {
    const summary = replicatesOf(metrics);
    if (!summary) return [];
    return [
      `<p class="lede"><strong>${escapeHtml(verdict(summary))}</strong></p>`,
      htmlTable({ header: HEADER, rows: rows(summary), numericFrom: 1, caption: note(summary) }),
    ];
  },
  markdown: ({ metrics }) => {
    const summary = replicatesOf(metrics);
    if (!summary) return [];
    return [
      "## Seeds pooled",
      `**${verdict(summary)}**`,
      note(summary),
      markdownTable(HEADER, rows(summary)),
    ];
  },
};
