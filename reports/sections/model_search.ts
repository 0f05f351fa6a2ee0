/**
 * The "model-search" section (claims audit, claim 3): the distribution of a random model
 * search's out-of-sample excess over always-long, the best in-sample picks against their
 * out-of-sample scores, the snooping-adjusted p-values and a one-sentence verdict. Empty (so
 * left out) for an evaluation without a model search.
 */
import { escapeHtml } from "../html/escape.ts";
import { formatNumber } from "../format.ts";
import { htmlTable } from "../html/table.ts";
import { markdownTable } from "../markdown_tables.ts";
import { searchHistogramChart } from "../charts/model_search_charts.ts";
import {
  PICK_HEADER,
  pickRows,
  searchScope,
  SIGNIFICANCE_HEADER,
  significanceRows,
  snoopingNote,
} from "../model_search_rows.ts";
import type { ReportSection } from "./section.ts";

const PICK_NOTE = "The models that scored best in-sample (excess accuracy over always-long on " +
  "the validation window), with their scores on the test days; then the model that happened " +
  "to score best on the test days, and always-long itself.";

const SNOOPING_NOTE = "Reality Check and SPA: stationary bootstrap of the directional loss " +
  "differentials of every model against always-long on the same test days; the deflated " +
  "Sharpe ratio's p-value is 1 − DSR.";

export const modelSearchSection: ReportSection = {
  id: "model-search",
  title: "Model search",
  charts: (metrics) => [searchHistogramChart(metrics)],
  html: ({ metrics, figures }) => {
    const s = metrics.modelSearch;
    if (!s) return [];
    return [
      `<p class="lede"><strong>${escapeHtml(s.verdict)}</strong></p>`,
      `<p>${escapeHtml(searchScope(s))}</p>`,
      figures(),
      htmlTable({ header: PICK_HEADER, rows: pickRows(s), numericFrom: 2, caption: PICK_NOTE }),
      htmlTable({
        header: SIGNIFICANCE_HEADER,
        rows: significanceRows(s),
        numericFrom: 2,
        caption: `${SNOOPING_NOTE} ${s.snooping.reps} resamples, mean block ` +
          `${s.snooping.meanBlock} days. ${snoopingNote(s)}`,
      }),
    ];
  },
  markdown: ({ metrics }) => {
    const s = metrics.modelSearch;
    if (!s) return [];
    return [
      "## Model search",
      `**${s.verdict}**`,
      searchScope(s),
      PICK_NOTE,
      markdownTable(PICK_HEADER, pickRows(s)),
      `${SNOOPING_NOTE} ${snoopingNote(s)}`,
      markdownTable(SIGNIFICANCE_HEADER, significanceRows(s)),
      "Histogram of out-of-sample excess (pp, bin start: models): " +
      s.histogram.map((b) => `${formatNumber(b.from * 100, 1)}: ${b.count}`).join(", "),
    ];
  },
};
