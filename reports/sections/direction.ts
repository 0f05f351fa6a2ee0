/** "Direction against always-long": accuracy per fold, year, regime and forecast step. */
import { byFold, byRegime, byStep, byYear, yearsAreFolds } from "../breakdown_rows.ts";
import { directionCharts } from "../charts/direction_charts.ts";
import { rollingAccuracyChart } from "../charts/series_charts.ts";
import { foldColumnTitle } from "../../evaluation/fold_labels.ts";
import { ciPercent } from "../format.ts";
import { foldTable, regimeTable, stepTable, yearTable } from "../html/direction_tables.ts";
import { breakdownMarkdown } from "../markdown_tables.ts";
import type { ReportSection } from "./section.ts";

const FLAG_NOTE = "⚠ marks accuracy below 50% or an excess interval entirely below zero.";

export const directionSection: ReportSection = {
  id: "direction",
  title: "Direction against always-long",
  charts: (metrics) => [...directionCharts(metrics), rollingAccuracyChart(metrics)],
  html: ({ metrics, figures }) => {
    const sameAsFolds = yearsAreFolds(metrics);
    return [
      figures(),
      foldTable(metrics, sameAsFolds),
      sameAsFolds ? null : "<h3>By year</h3>",
      sameAsFolds ? null : yearTable(metrics),
      "<h3>By regime</h3>",
      regimeTable(metrics),
      metrics.horizon > 1 ? "<h3>By forecast step</h3>" : null,
      metrics.horizon > 1 ? stepTable(metrics) : null,
    ];
  },
  markdown: ({ metrics }) => {
    const sameAsFolds = yearsAreFolds(metrics);
    return [
      "## Directional accuracy per fold",
      `Each model beside always-long on the same rows, with ${ciPercent(metrics)} bootstrap ` +
      `intervals (accuracy in %, excess in percentage points)${
        sameAsFolds ? "; each fold is one calendar year" : ""
      }. ${FLAG_NOTE}`,
      breakdownMarkdown(metrics, byFold, foldColumnTitle(metrics.folds)),
      ...(sameAsFolds ? [] : [
        "## Directional accuracy by calendar year",
        breakdownMarkdown(metrics, byYear, "year"),
      ]),
      "## Directional accuracy by regime",
      `Regime at the forecast origin, pooled over folds. ${FLAG_NOTE}`,
      breakdownMarkdown(metrics, byRegime, "regime"),
      ...(metrics.horizon > 1
        ? ["## Directional accuracy by forecast step", breakdownMarkdown(metrics, byStep, "step")]
        : []),
    ];
  },
};
