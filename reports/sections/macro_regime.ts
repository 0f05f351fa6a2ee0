/**
 * The report's "Macro-regime ensemble" section (pipelines/macro-regime/): the source's
 * headline beside ours as published and point in time, every model, the calibration
 * tracker, the 30-day breakdowns, the market test and the four-panel dashboard. Absent
 * when the evaluation has no macro-regime study.
 */
import type { MacroRegimeEvaluation } from "../../evaluation/macro_regime/evaluation.ts";
import { macroRegimeCharts } from "../charts/macro_regime_charts.ts";
import { htmlTable } from "../html/table.ts";
import {
  breakdownTable,
  calibrationTable,
  headlineTable,
  markdownTable,
  marketTable,
  modelsTable,
  type TextTable,
} from "../macro_regime_tables.ts";
import { escapeHtml } from "../html/escape.ts";
import type { ReportSection } from "./section.ts";

function tables(e: MacroRegimeEvaluation): TextTable[] {
  return [
    headlineTable(e),
    ...e.studies.map(modelsTable),
    calibrationTable(e),
    breakdownTable(e, "band"),
    breakdownTable(e, "era"),
    marketTable(e),
  ];
}

/** Plain-words findings computed from the numbers, one per timing. */
export function macroRegimeVerdict(e: MacroRegimeEvaluation): string[] {
  return e.studies.map((s) => {
    const n = s.horizons.length;
    const beaten = s.horizons.filter((h) => h.models["no-change"].mae < h.models.ensemble.mae);
    const long = s.horizons.filter((h) => (h.market.excess.high ?? 0) < 0);
    const transitionHelps = s.horizons.filter((h) =>
      h.models["equal-weight"].mae < h.models.ensemble.mae
    );
    const groups = s.horizons.flatMap((h) =>
      h.horizon === 30 ? [...h.byBand, ...h.byEra].filter((g) => g.model === "reversion") : []
    ).flatMap((g) => g.groups);
    const naive = s.horizons.find((h) => h.horizon === 30);
    const reversionWins = groups.filter((g) => {
      const all = [...(naive?.byBand ?? []), ...(naive?.byEra ?? [])]
        .filter((x) => x.model === "no-change").flatMap((x) => x.groups);
      const base = all.find((x) => x.group === g.group);
      return base && g.metrics.mae < base.metrics.mae;
    });
    return `${s.timing} (rules ${s.rulesVersion}): no change has a lower MAE than the ` +
      `ensemble at ${beaten.length} of ${n} horizons; at 30 days the source's "best" model ` +
      `(reversion) beats no change in ${reversionWins.length} of ${groups.length} regime ` +
      `bands and eras; adding the excluded transition model (equal weights) lowers the MAE ` +
      `at ${transitionHelps.length} of ${n} horizons; the signal trails always-long ` +
      `significantly (95% interval of the excess below zero) at ${long.length} of ${n}.`;
  });
}

export const macroRegimeSection: ReportSection = {
  id: "macro-regime",
  title: "Macro-regime ensemble",
  charts: (metrics) => macroRegimeCharts(metrics.macroRegime),
  html: ({ metrics, figures }) => {
    const e = metrics.macroRegime;
    if (!e) return [];
    return [
      `<ul>${macroRegimeVerdict(e).map((v) => `<li>${escapeHtml(v)}</li>`).join("")}</ul>`,
      ...tables(e).map((t) => htmlTable({ caption: t.caption, header: t.header, rows: t.rows })),
      figures(),
    ];
  },
  markdown: ({ metrics }) => {
    const e = metrics.macroRegime;
    if (!e) return [];
    return [
      "## Macro-regime ensemble",
      macroRegimeVerdict(e).map((v) => `- ${v}`).join("\n"),
      ...tables(e).map(markdownTable),
    ];
  },
};
