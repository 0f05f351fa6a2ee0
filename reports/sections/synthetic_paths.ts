/**
 * The report's "synthetic-paths" section (issue 19): for each fold and sampled model, every
 * stylised fact of the real index on the test period beside the median and 5–95% band of the
 * same fact over the synthetic paths, with the verdict, and a count of facts reproduced.
 */
import type { EvaluationMetrics } from "../../evaluation/evaluation.ts";
import { FACT_LABELS } from "../../evaluation/pretrained/synthetic_facts.ts";
import { formatNumber } from "../format.ts";
import { htmlTable } from "../html/table.ts";
import { markdownTable } from "../markdown_tables.ts";
import type { ReportSection } from "./section.ts";

const INTRO = "Paths sampled from the model, each as long as the test year and started from " +
  "the bars before it, against the real index on that year. A fact is reproduced when the " +
  "real value lies inside the 5–95% band of the paths' values; otherwise the paths are too " +
  "low or too high on it.";

const HEADER = ["test year", "model", "fact", "real", "paths: median [5–95%]", "verdict"];

function rows(metrics: EvaluationMetrics): string[][] {
  return metrics.pretrained!.synthetic.flatMap((fold) =>
    fold.models.flatMap((model) =>
      model.facts.map((f) => [
        String(fold.testYear),
        model.label,
        FACT_LABELS[f.fact],
        formatNumber(f.real, 4),
        `${formatNumber(f.median, 4)} [${formatNumber(f.low, 4)}, ${formatNumber(f.high, 4)}]`,
        f.verdict,
      ])
    )
  );
}

/** Facts reproduced out of those compared, per model over all folds. */
export function syntheticVerdict(metrics: EvaluationMetrics): string {
  const counts = new Map<string, { ok: number; all: number; missed: Map<string, number> }>();
  for (const fold of metrics.pretrained!.synthetic) {
    for (const model of fold.models) {
      const c = counts.get(model.label) ?? { ok: 0, all: 0, missed: new Map() };
      for (const f of model.facts) {
        c.all++;
        if (f.verdict === "reproduced") c.ok++;
        else c.missed.set(f.fact, (c.missed.get(f.fact) ?? 0) + 1);
      }
      counts.set(model.label, c);
    }
  }
  return [...counts].map(([label, c]) => {
    const missed = [...c.missed].sort((a, b) => b[1] - a[1]).slice(0, 3)
      .map(([fact, n]) => `${FACT_LABELS[fact as keyof typeof FACT_LABELS]} (${n}×)`);
    return `**${label}** reproduces ${c.ok} of ${c.all} fact-years` +
      (missed.length ? `; most often missed: ${missed.join(", ")}` : "");
  }).join(". ") + ".";
}

export const syntheticPathsSection: ReportSection = {
  id: "synthetic-paths",
  title: "Synthetic paths: stylised facts",
  html: ({ metrics }) => {
    if (!metrics.pretrained?.synthetic.length) return [];
    return [
      `<p>${syntheticVerdict(metrics).replaceAll("**", "")}</p>`,
      htmlTable({ caption: INTRO, header: HEADER, rows: rows(metrics) }),
    ];
  },
  markdown: ({ metrics }) => {
    if (!metrics.pretrained?.synthetic.length) return [];
    return [
      "## Synthetic paths: stylised facts",
      INTRO,
      syntheticVerdict(metrics),
      markdownTable(HEADER, rows(metrics)),
    ];
  },
};
