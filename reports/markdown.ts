/**
 * `summary.md`: the headline table, the plain-words conclusion, the collapse diagnostics,
 * directional accuracy per fold and per regime (always-long beside every model, every
 * accuracy with its interval), backtests, what the models look at, warnings, the run (how to
 * reproduce it, data, model configurations) and the method notes.
 */
import { byFold, byRegime, byStep, byYear, yearsAreFolds } from "./breakdown_rows.ts";
import { COLLAPSE_NOTE } from "./collapse_rows.ts";
import { conclusionParagraphs } from "./conclusion.ts";
import type { EvaluationMetrics } from "../evaluation/evaluation.ts";
import { ciPercent } from "./format.ts";
import {
  backtestMarkdown,
  breakdownMarkdown,
  collapseMarkdown,
  foldSpansMarkdown,
  headlineMarkdown,
  interpretationMarkdown,
  modelRunsMarkdown,
} from "./markdown_tables.ts";
import { methodNotes } from "./methods.ts";
import { modelNotesMarkdown } from "./model_notes.ts";
import { volatilityMarkdown } from "./volatility_section.ts";
import { experimentLine } from "./overview.ts";
import { foldColumnTitle } from "../evaluation/fold_labels.ts";
import { sortedJson } from "../evaluation/sorted_json.ts";
import {
  FOLD_SPAN_NOTE,
  identityLine,
  modelRunRows,
  reportCommand,
  reproduceSteps,
  type RunIdentity,
} from "./run_info.ts";

const FLAG_NOTE = "⚠ marks accuracy below 50% or an excess interval entirely below zero.";

function runSection(metrics: EvaluationMetrics, identity: RunIdentity): string[] {
  const steps = reproduceSteps(identity).map(([command, what]) => `- \`${command}\`: ${what}`);
  return [
    "## Run",
    identityLine(identity, metrics),
    ...(steps.length ? [steps.join("\n")] : []),
    FOLD_SPAN_NOTE,
    foldSpansMarkdown(metrics),
    modelRunsMarkdown(metrics),
    "Configurations (as validated, defaults filled in):",
    modelRunRows(metrics).map((row, i) =>
      `- ${metrics.models[i].label}: \`${sortedJson(row.config)}\``
    ).join("\n"),
  ];
}

export interface MarkdownOptions {
  metrics: EvaluationMetrics;
  title: string;
  identity: RunIdentity;
}

export function renderMarkdown({ metrics, title, identity }: MarkdownOptions): string {
  const level = ciPercent(metrics);
  const sameAsFolds = yearsAreFolds(metrics);
  const reproduce = identity.key
    ? [`Re-render this report with \`${reportCommand(identity.key)}\`.`]
    : [];
  const sections = [
    `# ${title}`,
    experimentLine(metrics),
    ...reproduce,
    "## Headline",
    headlineMarkdown(metrics),
    "## Conclusion",
    ...conclusionParagraphs(metrics),
    ...modelNotesMarkdown(metrics),
    "## Collapse diagnostics",
    `Is a model always-long in disguise? ${COLLAPSE_NOTE} ` +
    "Epoch columns: validation rows at the first epoch and at the kept " +
    "checkpoint, mean over folds; r: validation loss against validation accuracy across epochs.",
    collapseMarkdown(metrics),
    "## Directional accuracy per fold",
    `Each model beside always-long on the same rows, with ${level} bootstrap intervals ` +
    `(accuracy in %, excess in percentage points)${
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
    "## Backtests (step-1 forecasts, after costs)",
    backtestMarkdown(metrics),
    ...volatilityMarkdown(metrics),
    ...interpretationMarkdown(metrics),
    ...(metrics.warnings.length
      ? ["## Warnings", metrics.warnings.map((w) => `- ${w}`).join("\n")]
      : []),
    ...runSection(metrics, identity),
    "## Method",
    methodNotes(metrics).map((note) => `- ${note}`).join("\n"),
  ];
  return sections.join("\n\n") + "\n";
}
