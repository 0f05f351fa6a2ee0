/**
 * Averages each fold's interpretation data for the report: attention over input steps
 * (mean and per fold), variable importance per group (and how the model normalised it),
 * attention by layer and head, and fitted coefficients (with how often their sign held).
 */
import type { ModelRun } from "./model_runs.ts";
import { mean, sampleStd } from "./stats/descriptive.ts";

export interface AttentionSummary {
  /** Encoder step offsets as the model reports them (e.g. −51..0). */
  steps: number[];
  mean: number[];
  byFold: Array<{ foldId: string; testYear: number | null; weights: number[] }>;
}

export interface ImportanceRow {
  group: "static" | "past" | "future";
  name: string;
  mean: number;
  min: number;
  max: number;
}

export interface CoefficientRow {
  name: string;
  mean: number;
  std: number | null;
  folds: number;
  /** Folds where the coefficient is above zero. */
  positive: number;
}

/**
 * How every fold's importances add up: to 1 within each input group (selection weights, as a
 * TFT's variable-selection networks give), to 1 over all inputs together (shares of a total,
 * as tree ensembles' impurity importances), or neither (the model's own units).
 */
export type ImportanceScale = "within-group" | "all-inputs" | "raw";

export interface ExplanationSummary {
  folds: number;
  attention: AttentionSummary | null;
  variableImportance: ImportanceRow[];
  /** Null when no fold reports importances. */
  importanceScale: ImportanceScale | null;
  /** Mean over folds, [layers][heads][steps]. */
  attentionByHead: number[][][] | null;
  coefficients: CoefficientRow[];
}

function averageArrays(arrays: number[][], where: string): number[] {
  const length = arrays[0].length;
  for (const a of arrays) {
    if (a.length !== length) {
      throw new Error(`${where}: folds report ${length} and ${a.length} values; cannot average`);
    }
  }
  return arrays[0].map((_, i) => mean(arrays.map((a) => a[i]))!);
}

export function summariseExplanations(run: ModelRun): ExplanationSummary | null {
  const explained = run.folds.filter((f) => f.fit.explanation !== null);
  if (explained.length === 0) return null;
  const where = `evaluate: model ${run.label} explanation`;
  const withAttention = explained.filter((f) => f.fit.explanation!.attention);
  let attention: AttentionSummary | null = null;
  if (withAttention.length) {
    const byFold = withAttention.map(({ fit }) => ({
      foldId: fit.foldId,
      testYear: fit.testYear,
      weights: [...fit.explanation!.attention!.weights],
    }));
    const steps = [...withAttention[0].fit.explanation!.attention!.steps];
    attention = {
      steps,
      mean: averageArrays(byFold.map((f) => f.weights), `${where}.attention`),
      byFold,
    };
    if (attention.mean.length !== steps.length) {
      throw new Error(
        `${where}.attention: ${steps.length} steps but ${attention.mean.length} weights`,
      );
    }
  }
  const importance = new Map<
    string,
    { group: ImportanceRow["group"]; name: string; values: number[] }
  >();
  for (const { fit } of explained) {
    const groups: Partial<Record<ImportanceRow["group"], Record<string, number>>> =
      fit.explanation!.variableImportance ?? {};
    for (const group of ["static", "past", "future"] as const) {
      for (const [name, value] of Object.entries(groups[group] ?? {})) {
        const key = `${group}\u0000${name}`;
        const entry = importance.get(key) ?? { group, name, values: [] };
        entry.values.push(value);
        importance.set(key, entry);
      }
    }
  }
  const variableImportance = [...importance.values()]
    .map(({ group, name, values }) => ({
      group,
      name,
      mean: mean(values)!,
      min: Math.min(...values),
      max: Math.max(...values),
    }))
    .sort((a, b) =>
      a.group.localeCompare(b.group) || b.mean - a.mean || a.name.localeCompare(b.name)
    );
  const heads = explained.map((f) => f.fit.explanation!.attentionByHead).filter((h) => h);
  const attentionByHead = heads.length
    ? heads[0]!.map((layer, l) =>
      layer.map((_, h) => averageArrays(heads.map((x) => x![l][h]), `${where}.attentionByHead`))
    )
    : null;
  const coefficients = new Map<string, number[]>();
  for (const { fit } of explained) {
    for (const [name, value] of Object.entries(fit.explanation!.coefficients ?? {})) {
      coefficients.set(name, [...(coefficients.get(name) ?? []), value]);
    }
  }
  return {
    folds: explained.length,
    attention,
    variableImportance,
    importanceScale: importanceScale(
      explained.flatMap((f) => f.fit.explanation!.variableImportance ?? []),
    ),
    attentionByHead,
    coefficients: [...coefficients.entries()]
      .map(([name, values]) => ({
        name,
        mean: mean(values)!,
        std: sampleStd(values),
        folds: values.length,
        positive: values.filter((v) => v > 0).length,
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

type Groups = Partial<Record<ImportanceRow["group"], Record<string, number>>>;

/** Which way each fold's importances sum to 1 (see {@link ImportanceScale}). */
function importanceScale(folds: Groups[]): ImportanceScale | null {
  const sums = folds.map((groups) =>
    (["static", "past", "future"] as const)
      .map((group) => Object.values(groups[group] ?? {}))
      .filter((values) => values.length > 0)
      .map((values) => values.reduce((sum, v) => sum + v, 0))
  ).filter((groupSums) => groupSums.length > 0);
  if (sums.length === 0) return null;
  // Float32 weights averaged over samples: sums are 1 to well within this.
  const isOne = (x: number) => Math.abs(x - 1) < 1e-3;
  // One group alone sums to 1 either way; call it a share of all inputs, true for both.
  if (sums.every((s) => s.length > 1 && s.every(isOne))) return "within-group";
  if (sums.every((s) => isOne(s.reduce((a, b) => a + b, 0)))) return "all-inputs";
  return "raw";
}
