/**
 * Averages each fold's interpretation data for the report: TFT attention over encoder
 * steps (mean and per fold), variable-selection importance per group, CLS attention by
 * layer and head, and linear coefficients.
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
}

export interface ExplanationSummary {
  folds: number;
  attention: AttentionSummary | null;
  variableImportance: ImportanceRow[];
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
    attentionByHead,
    coefficients: [...coefficients.entries()]
      .map(([name, values]) => ({
        name,
        mean: mean(values)!,
        std: sampleStd(values),
        folds: values.length,
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}
