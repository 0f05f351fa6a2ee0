/**
 * Every section a report can show, by id, and the default list (today's report, in its
 * order). A study adds a section by writing its module and one line here; its report node
 * then names the ids it wants in `sections`.
 */
import { backtestsSection } from "./backtests.ts";
import { claimsSection } from "./claims.ts";
import { collapseSection } from "./collapse.ts";
import { directionSection } from "./direction.ts";
import { forecastsSection } from "./forecasts.ts";
import { headlineSection } from "./headline.ts";
import { interpretationSection } from "./interpretation.ts";
import { latencySection } from "./latency.ts";
import { macroRegimeSection } from "./macro_regime.ts";
import { methodSection } from "./method.ts";
import { replicatesSection } from "./replicates.ts";
import { programSection } from "./program.ts";
import { modelSearchSection } from "./model_search.ts";
import { runSection } from "./run.ts";
import type { ReportSection } from "./section.ts";
import { significanceSection } from "./significance.ts";
import { pretrainedVolatilitySection } from "./pretrained_volatility.ts";
import { syntheticPathsSection } from "./synthetic_paths.ts";
import { volatilitySection } from "./volatility.ts";
import { warningsSection } from "./warnings.ts";

const SECTIONS: ReportSection[] = [
  headlineSection,
  replicatesSection,
  collapseSection,
  directionSection,
  forecastsSection,
  significanceSection,
  backtestsSection,
  volatilitySection,
  modelSearchSection,
  latencySection,
  interpretationSection,
  warningsSection,
  runSection,
  methodSection,
  macroRegimeSection,
  claimsSection,
  pretrainedVolatilitySection,
  syntheticPathsSection,
  programSection,
];

export const REPORT_SECTIONS: ReadonlyMap<string, ReportSection> = new Map(
  SECTIONS.map((s) => [s.id, s]),
);

/** The sections of a report whose node names none: every registered one, in this order. */
export const DEFAULT_SECTIONS: readonly string[] = SECTIONS.map((s) => s.id);

/** Problems with a list of section ids (unknown or repeated), as sentences; none when valid. */
export function sectionProblems(ids: readonly string[]): string[] {
  const known = [...REPORT_SECTIONS.keys()].join(", ");
  return [
    ...ids.filter((id) => !REPORT_SECTIONS.has(id)).map((id) =>
      `unknown report section "${id}"; the registered sections are ${known} ` +
      "(reports/sections/registry.ts)"
    ),
    ...ids.filter((id, i) => ids.indexOf(id) !== i).map((id) =>
      `report section "${id}" is listed twice; name each section once`
    ),
  ];
}

/** The sections named by `ids`, in that order; throws on an unknown or repeated id. */
export function resolveSections(ids: readonly string[]): ReportSection[] {
  const problems = sectionProblems(ids);
  if (problems.length) throw new Error(problems.join("; "));
  return ids.map((id) => REPORT_SECTIONS.get(id)!);
}
