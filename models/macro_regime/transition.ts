/**
 * The macro-regime system's third model, which its authors built and then excluded: the
 * score discretised into Bear (≤ −2), Neutral and Bull (≥ +2), a daily Markov transition
 * matrix estimated on the training history (add-one smoothing, so an unseen transition is
 * possible), and the t-day forecast as the mixture over the t-step state distribution of
 * each state's mean and variance in that history. Kept so its exclusion can be checked.
 */
import type { ScoreForecast } from "./forecasters.ts";

export const REGIME_STATES = ["bear", "neutral", "bull"] as const;
export type RegimeState = (typeof REGIME_STATES)[number];

export function regimeState(score: number): RegimeState {
  return score <= -2 ? "bear" : score >= 2 ? "bull" : "neutral";
}

export interface TransitionModel {
  /** P[i][j]: probability of state j tomorrow given state i today. */
  matrix: number[][];
  /** Mean and variance of the score within each state over the history. */
  means: number[];
  variances: number[];
}

export function fitTransitions(history: ArrayLike<number>): TransitionModel {
  if (history.length < 2) throw new RangeError("a transition model needs ≥ 2 days of scores");
  const index = (s: number) => REGIME_STATES.indexOf(regimeState(s));
  const counts = REGIME_STATES.map(() => REGIME_STATES.map(() => 1));
  for (let t = 1; t < history.length; t++) counts[index(history[t - 1])][index(history[t])]++;
  const matrix = counts.map((row) => row.map((c) => c / row.reduce((a, b) => a + b, 0)));
  const members = REGIME_STATES.map(() => [] as number[]);
  for (let t = 0; t < history.length; t++) members[index(history[t])].push(history[t]);
  const overall = Array.from(history).reduce((a, b) => a + b, 0) / history.length;
  // A state never visited takes the overall mean and no spread of its own.
  const means = members.map((m) => (m.length ? m.reduce((a, b) => a + b, 0) / m.length : overall));
  const variances = members.map((m, k) =>
    m.length ? m.reduce((s, v) => s + (v - means[k]) ** 2, 0) / m.length : 0
  );
  return { matrix, means, variances };
}

export function transitionForecast(
  model: TransitionModel,
  current: number,
  horizon: number,
): ScoreForecast {
  let p: number[] = REGIME_STATES.map((s) => (s === regimeState(current) ? 1 : 0));
  const out: ScoreForecast = { mean: [], std: [] };
  for (let t = 1; t <= horizon; t++) {
    p = REGIME_STATES.map((_, j) => p.reduce((s, pi, i) => s + pi * model.matrix[i][j], 0));
    const mean = p.reduce((s, pk, k) => s + pk * model.means[k], 0);
    const second = p.reduce((s, pk, k) => s + pk * (model.variances[k] + model.means[k] ** 2), 0);
    out.mean.push(mean);
    out.std.push(Math.sqrt(Math.max(0, second - mean * mean)));
  }
  return out;
}
