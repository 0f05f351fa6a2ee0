/**
 * The short tables of "What the models look at": the largest importances per input group
 * and the largest fitted coefficients, each with what the numbers are and how many inputs
 * were left out. Models with a hundred flattened inputs (`lag7:vix`) would otherwise fill
 * pages; the full lists stay in `metrics.json`.
 */
import type {
  ExplanationSummary,
  ImportanceRow,
  ImportanceScale,
} from "../evaluation/explanation_summary.ts";
import { formatNumber, formatPercent } from "./format.ts";

/** Inputs listed per group when weights sum to 1 within each group. */
export const TOP_PER_GROUP = 5;
/** Inputs listed in all when importances are shares of one total, and coefficients listed. */
export const TOP_OVERALL = 10;

const GROUP_ORDER: ImportanceRow["group"][] = ["past", "future", "static"];

/** "step 0", "step −3". */
export function stepName(step: number): string {
  return `step ${formatNumber(step, 0)}`;
}

export interface ImportanceTable {
  scale: ImportanceScale;
  /** What the numbers are: one or two sentences. */
  description: string;
  header: string[];
  rows: string[][];
  /** What was left out, per group: "5 of 19 past inputs shown; the other 14 hold 31.0% …". */
  omitted: string[];
}

/** How an importance scale is described in captions and the summary. */
export function importanceWords(scale: ImportanceScale, inputs: number): {
  name: string;
  axis: string;
  description: string;
} {
  if (scale === "within-group") {
    return {
      name: "variable-selection weights",
      axis: "mean selection weight (sums to 1 within the group)",
      description: "Variable-selection weights: in every fold they sum to 1 within each input " +
        "group, so compare inputs within a group, not across groups.",
    };
  }
  if (scale === "all-inputs") {
    return {
      name: "importance shares",
      axis: "mean share of total importance",
      description: `Importance shares: in every fold they sum to 1 over all ${inputs} inputs ` +
        `together (uniform: ${formatPercent(1 / inputs, 2)} each). A share says how much the ` +
        "model used an input, not the sign or size of its effect.",
    };
  }
  return {
    name: "importances",
    axis: "mean importance (model's own units)",
    description: "Importances in the model's own units (they do not sum to 1 per fold).",
  };
}

export function importanceTable(explanation: ExplanationSummary): ImportanceTable | null {
  const rows = explanation.variableImportance;
  const scale = explanation.importanceScale;
  if (rows.length === 0 || scale === null) return null;
  const groups = GROUP_ORDER.filter((g) => rows.some((r) => r.group === g));
  const perGroup = scale === "within-group";
  const shown = perGroup
    ? groups.flatMap((g) => rows.filter((r) => r.group === g).slice(0, TOP_PER_GROUP))
    : [...rows].sort((a, b) => b.mean - a.mean || a.name.localeCompare(b.name))
      .slice(0, TOP_OVERALL);
  const value = importanceFormat(scale, shown);
  const omitted = (perGroup ? groups : [null]).flatMap((group) => {
    const all = rows.filter((r) => group === null || r.group === group);
    const listed = shown.filter((r) => group === null || r.group === group);
    if (listed.length === all.length) return [];
    const rest = all.filter((r) => !listed.includes(r)).reduce((sum, r) => sum + r.mean, 0);
    const restText = scale === "raw" ? "" : `; the other ${all.length - listed.length} hold ` +
      `${formatPercent(rest, 1)} of the ${group === null ? "total" : "group"}`;
    return [
      `${listed.length} of ${all.length} ${
        group === null ? "" : `${group} `
      }inputs shown${restText}`,
    ];
  });
  return {
    scale,
    description: importanceWords(scale, rows.length).description,
    header: [
      "group",
      "input",
      scale === "within-group" ? "mean weight" : scale === "all-inputs" ? "mean share" : "mean",
      "range over folds",
    ],
    rows: shown.map((r) => [r.group, r.name, value(r.mean), `${value(r.min)} – ${value(r.max)}`]),
    omitted,
  };
}

/** Percent for shares (two decimals when every share is below 10%), plain numbers otherwise. */
function importanceFormat(scale: ImportanceScale, rows: ImportanceRow[]) {
  if (scale === "raw") return (x: number) => formatNumber(x, 4);
  const digits = rows.every((r) => r.max < 0.1) ? 2 : 1;
  return (x: number) => formatPercent(x, digits);
}

export interface CoefficientTable {
  description: string;
  header: string[];
  rows: string[][];
  /** "10 of 148 shown" when some were left out, else null. */
  omitted: string | null;
}

export function coefficientTable(explanation: ExplanationSummary): CoefficientTable | null {
  const all = explanation.coefficients;
  if (all.length === 0) return null;
  const shown = [...all]
    .sort((a, b) => Math.abs(b.mean) - Math.abs(a.mean) || a.name.localeCompare(b.name))
    .slice(0, TOP_OVERALL);
  return {
    description: "Fitted coefficients and parameters as the model reports them, mean over " +
      "folds, largest absolute value first. For a linear model, a coefficient is the change " +
      "in the forecast return per unit of the input as the model saw it (past features are " +
      "z-scored with each fold's training statistics). Same sign: folds whose coefficient has " +
      "the sign of the mean.",
    header: ["coefficient", "mean", "std over folds", "same sign"],
    rows: shown.map((c) => {
      const agreeing = c.mean > 0 ? c.positive : c.folds - c.positive;
      return [
        c.name,
        formatNumber(c.mean, 5),
        formatNumber(c.std, 5),
        `${agreeing} of ${c.folds}`,
      ];
    }),
    omitted: shown.length < all.length
      ? `${shown.length} of ${all.length} shown (largest absolute mean)`
      : null,
  };
}
