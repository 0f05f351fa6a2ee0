/**
 * The model-contract side of the tabular baselines (ridge, random forest, gradient
 * boosting): flatten the windows of the fitted splits' origins, fit a {@link TabularLearner}
 * for every horizon step at once (direct multi-step), predict a split's flattened windows.
 * Flattening loses temporal structure (see `flatten.ts`); every fit's `notes` say so, and the
 * report prints them beside the results.
 */
import type { Explanation, FitReport, Fold, Forecast, SplitName } from "../contract.ts";
import { assertFiniteTargets, type FlatInputs, flattenWindows } from "./flatten.ts";
import { requireFitted, summaryReport } from "./forecast.ts";
import { type FitOn, fittedSplits } from "./training_rows.ts";
import { type Restorable, saveState } from "./saved_state.ts";

export { windowInputFields } from "./window_input_config.ts";

/** What the report says beside every tabular model's results. */
export const FLATTENING_NOTE = "inputs are flattened windows (one column per lag and " +
  "feature, such as lag3:rsi_14), and flattening loses temporal structure: the model sees " +
  "no order, recency or pattern shared across lags.";

export interface WindowInputOptions {
  lags: number | null;
  includeStatic: boolean;
  fitOn: FitOn;
}

/** A tabular regressor with one output per horizon step. */
export interface TabularLearner {
  /** Fits on the flattened inputs and their [rows, horizon] targets; returns summary numbers. */
  fit(inputs: FlatInputs): FitReport["summary"];
  /** Point forecasts [rows, horizon]. */
  predict(inputs: FlatInputs): Float64Array;
  explain(names: string[]): Explanation;
  /** The fitted state, for `save` (plain data the store's codec encodes). */
  state(): unknown;
  /** Takes back what `state()` gave. */
  restore(state: unknown): void;
}

/** What a window regressor saves: its input names and its learner's state. */
interface WindowState {
  names: string[];
  learner: unknown;
}

export class WindowRegressor implements Restorable<WindowState> {
  #names: string[] | null = null;

  constructor(
    private readonly kind: string,
    private readonly options: WindowInputOptions,
    private readonly learner: TabularLearner,
  ) {}

  fit(fold: Fold): Promise<FitReport> {
    return Promise.try(() => {
      const inputs = this.#flatten(fold, fittedSplits(this.options.fitOn));
      assertFiniteTargets(fold, inputs, this.kind);
      const summary = this.learner.fit(inputs);
      this.#names = inputs.names;
      const report = summaryReport({ rows: inputs.rows, inputs: inputs.cols, ...summary });
      return { ...report, notes: [FLATTENING_NOTE] };
    });
  }

  predict(fold: Fold, split: SplitName): Promise<Forecast> {
    return Promise.try(() => {
      const names = requireFitted(this.#names, this.kind);
      const inputs = this.#flatten(fold, [split]);
      if (inputs.names.join() !== names.join()) {
        throw new Error(
          `${this.kind}: fold ${fold.id} has different inputs than the model was fitted on ` +
            `(${inputs.cols} vs ${names.length} columns); fit and predict on the same fold`,
        );
      }
      const point = Float32Array.from(this.learner.predict(inputs));
      return { split, origins: fold.splits[split], horizon: fold.horizon, point };
    });
  }

  explain(): Promise<Explanation> {
    return Promise.try(() => this.learner.explain(requireFitted(this.#names, this.kind)));
  }

  save(): Promise<Uint8Array> {
    const names = requireFitted(this.#names, this.kind);
    return saveState(this.kind, { names, learner: this.learner.state() });
  }

  restore(state: WindowState): void {
    this.learner.restore(state.learner);
    this.#names = state.names;
  }

  #flatten(fold: Fold, splits: SplitName[]): FlatInputs {
    const { lags, includeStatic } = this.options;
    return flattenWindows(fold, splits, { lags, includeStatic, model: this.kind });
  }
}

/** Column of step h (0-based) of the [rows, horizon] targets. */
export function targetColumn(inputs: FlatInputs, step: number): Float64Array {
  return Float64Array.from(
    { length: inputs.rows },
    (_, i) => inputs.targets[i * inputs.horizon + step],
  );
}

/** Importances by input name: `lag3:rsi14` under past, static names (prefix dropped) under static. */
export function importanceExplanation(names: string[], importance: ArrayLike<number>): Explanation {
  const past: Record<string, number> = {};
  const statics: Record<string, number> = {};
  names.forEach((name, j) => {
    if (name.startsWith("static:")) statics[name.slice("static:".length)] = importance[j];
    else past[name] = importance[j];
  });
  return { variableImportance: { past, static: statics, future: {} } };
}
