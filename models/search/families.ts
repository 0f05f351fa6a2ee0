/**
 * Fitting and predicting each family of the search. `fitSearchModel` reads the design's
 * training rows only (their inputs, labels and the closes up to the last training input);
 * scalers are fitted there too. `predictCalls` then gives the up (1) / down (0) calls of any
 * row range. A fit is plain data, so a test can compare fits byte for byte.
 */
import { binInputs } from "../baselines/binning.ts";
import { growTree, predictTree, type RegressionTree } from "../baselines/regression_tree.ts";
import { fitRidge, predictRidge } from "../baselines/ridge_solver.ts";
import { SeededRandom } from "../tf/rng.ts";
import type { RowRange, SearchDesign } from "./design.ts";
import { knnPredict } from "./knn.ts";
import { ruleSignal, type RuleSpec } from "./rules.ts";
import type { SearchSpec } from "./spec.ts";

interface Scaled {
  columns: number[];
  mean: number[];
  std: number[];
}

export type SearchFit =
  | { family: "tree"; scaled: Scaled; tree: RegressionTree }
  | { family: "ridge"; scaled: Scaled; coefficients: Float64Array; intercept: number }
  | { family: "knn"; scaled: Scaled; k: number; x: Float64Array; y: Float64Array }
  | { family: "rule"; spec: RuleSpec; follow: boolean };

function columnsOf(design: SearchDesign, names: string[]): number[] {
  return names.map((name) => {
    const j = design.featureNames.indexOf(name);
    if (j < 0) {
      throw new Error(
        `search model reads column "${name}", which the design lacks (it has ` +
          `${design.featureNames.join(", ")})`,
      );
    }
    return j;
  });
}

/** Mean and population std of the chosen columns on the training rows. */
function fitScaler(design: SearchDesign, names: string[]): Scaled {
  const columns = columnsOf(design, names);
  const { from, to } = design.train;
  const mean: number[] = [];
  const std: number[] = [];
  for (const j of columns) {
    const column = design.features[j];
    let sum = 0;
    for (let t = from; t < to; t++) sum += column[t];
    const m = sum / (to - from);
    let squares = 0;
    for (let t = from; t < to; t++) squares += (column[t] - m) ** 2;
    const s = Math.sqrt(squares / (to - from));
    mean.push(m);
    std.push(s > 1e-12 ? s : 1);
  }
  return { columns, mean, std };
}

/** Row-major scaled inputs of rows [from, to). */
function matrix(design: SearchDesign, scaled: Scaled, rows: RowRange): Float64Array {
  const cols = scaled.columns.length;
  const out = new Float64Array((rows.to - rows.from) * cols);
  for (let i = rows.from; i < rows.to; i++) {
    scaled.columns.forEach((j, c) => {
      out[(i - rows.from) * cols + c] = (design.features[j][i] - scaled.mean[c]) / scaled.std[c];
    });
  }
  return out;
}

/** The rule's signal on rows [from, to), from the closes up to each row's input day. */
function ruleRows(spec: RuleSpec, design: SearchDesign, rows: RowRange): Uint8Array {
  const last = design.closeIndex[rows.to - 1];
  const signal = ruleSignal(spec, design.close.subarray(0, last + 1));
  return Uint8Array.from(
    { length: rows.to - rows.from },
    (_, i) => signal[design.closeIndex[rows.from + i]],
  );
}

export function fitSearchModel(spec: SearchSpec, design: SearchDesign): SearchFit {
  const rows = design.train;
  const y = design.returns.slice(rows.from, rows.to);
  switch (spec.family) {
    case "tree": {
      const scaled = fitScaler(design, spec.features);
      const x = matrix(design, scaled, rows);
      const cols = scaled.columns.length;
      const binned = binInputs(x, y.length, cols, 64);
      const samples = Int32Array.from({ length: y.length }, (_, i) => i);
      const options = { maxDepth: spec.maxDepth, minSamplesLeaf: spec.minLeaf, maxFeatures: cols };
      const tree = growTree(
        binned,
        y,
        samples,
        options,
        new SeededRandom(0),
        new Float64Array(cols),
      );
      return { family: "tree", scaled, tree };
    }
    case "ridge": {
      const scaled = fitScaler(design, spec.features);
      const x = {
        rows: y.length,
        cols: scaled.columns.length,
        values: matrix(design, scaled, rows),
      };
      const solution = fitRidge(x, { outputs: 1, values: y }, {
        alpha: spec.alpha,
        fitIntercept: true,
      });
      return {
        family: "ridge",
        scaled,
        coefficients: solution.coefficients,
        intercept: solution.intercept[0],
      };
    }
    case "knn": {
      const scaled = fitScaler(design, spec.features);
      return { family: "knn", scaled, k: spec.k, x: matrix(design, scaled, rows), y };
    }
    case "rule": {
      const signal = ruleRows(spec, design, rows);
      let agree = 0;
      signal.forEach((s, i) => (agree += s === (y[i] > 0 ? 1 : 0) ? 1 : 0));
      return { family: "rule", spec, follow: agree * 2 >= signal.length };
    }
  }
}

/** Up (1) / down (0) calls for rows [from, to). */
export function predictCalls(fit: SearchFit, design: SearchDesign, rows: RowRange): Uint8Array {
  const up = (values: Float64Array) => Uint8Array.from(values, (v) => (v > 0 ? 1 : 0));
  switch (fit.family) {
    case "tree": {
      const x = matrix(design, fit.scaled, rows);
      const cols = fit.scaled.columns.length;
      return up(
        Float64Array.from(
          { length: rows.to - rows.from },
          (_, i) => predictTree(fit.tree, x, i * cols),
        ),
      );
    }
    case "ridge": {
      const cols = fit.scaled.columns.length;
      const solution = {
        coefficients: fit.coefficients,
        intercept: Float64Array.of(fit.intercept),
        cols,
        outputs: 1,
      };
      return up(
        predictRidge(solution, {
          rows: rows.to - rows.from,
          values: matrix(design, fit.scaled, rows),
        }),
      );
    }
    case "knn": {
      const cols = fit.scaled.columns.length;
      return up(knnPredict({ x: fit.x, y: fit.y, cols }, matrix(design, fit.scaled, rows), fit.k));
    }
    case "rule": {
      const signal = ruleRows(fit.spec, design, rows);
      return fit.follow ? signal : signal.map((s) => 1 - s);
    }
  }
}
