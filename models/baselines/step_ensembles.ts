/**
 * The tree-ensemble learners (random forest, gradient boosting) behind {@link WindowRegressor}:
 * one ensemble per horizon step, fitted on that step's target column from its own fork of
 * the model's seeded generator (`<kind>` then `step<h>`); forecasts interleaved into
 * [rows, horizon]; importances averaged over the steps.
 */
import type { Explanation, FitReport } from "../contract.ts";
import { SeededRandom } from "../tf/rng.ts";
import type { FlatInputs } from "./flatten.ts";
import { requireFitted } from "./forecast.ts";
import { importanceExplanation, type TabularLearner, targetColumn } from "./window_regressor.ts";

export interface StepEnsemble {
  /** Per input column, summing to 1 (or all 0). */
  importance: Float64Array;
}

export interface StepEnsembleOptions<E extends StepEnsemble> {
  /** Model kind: names the generator's fork and the error before fit. */
  kind: string;
  seed: number;
  fit(inputs: FlatInputs, target: Float64Array, rng: SeededRandom): E;
  /** One forecast per row of `inputs`. */
  predict(ensemble: E, inputs: FlatInputs): Float64Array;
  summary(ensembles: E[], inputs: FlatInputs): FitReport["summary"];
}

/** Candidate columns per split: `share` of `cols`, at least one. */
export function featuresPerSplit(share: number, cols: number): number {
  return Math.max(1, Math.round(share * cols));
}

export class StepEnsembleLearner<E extends StepEnsemble> implements TabularLearner {
  #ensembles: E[] | null = null;

  constructor(private readonly options: StepEnsembleOptions<E>) {}

  fit(inputs: FlatInputs): FitReport["summary"] {
    const { kind, seed } = this.options;
    const rng = new SeededRandom(seed).fork(kind);
    const ensembles = Array.from(
      { length: inputs.horizon },
      (_, step) =>
        this.options.fit(inputs, targetColumn(inputs, step), rng.fork(`step${step + 1}`)),
    );
    this.#ensembles = ensembles;
    return this.options.summary(ensembles, inputs);
  }

  predict(inputs: FlatInputs): Float64Array {
    const ensembles = requireFitted(this.#ensembles, this.options.kind);
    const out = new Float64Array(inputs.rows * ensembles.length);
    ensembles.forEach((ensemble, step) => {
      this.options.predict(ensemble, inputs).forEach((value, i) => {
        out[i * ensembles.length + step] = value;
      });
    });
    return out;
  }

  state(): E[] {
    return requireFitted(this.#ensembles, this.options.kind);
  }

  restore(state: unknown): void {
    this.#ensembles = state as E[];
  }

  explain(names: string[]): Explanation {
    const ensembles = requireFitted(this.#ensembles, this.options.kind);
    const mean = names.map((_, j) =>
      ensembles.reduce((s, e) => s + e.importance[j], 0) / ensembles.length
    );
    return importanceExplanation(names, mean);
  }
}
