/**
 * The macro-regime system's score forecasters, exactly as its documentation gives them
 * (`../shared/seeds/002_…`), on a daily regime score (−5 bearish … +5 bullish). Each returns,
 * for horizons t = 1 … H days, a mean and a standard deviation.
 *
 * - Macro fundamentals reversion: the score reverts toward the fundamentals' fair value at
 *   `rate` per day, mean(t) = s + (f − s)·(1 − (1 − rate)^t); σ(t) = 0.8·(1 + 0.03·t).
 * - Momentum: an exponentially weighted long-term mean (weights e^(−0.3·lag), lag 0 the latest
 *   day) and the 30-day linear trend extrapolated t days ahead, blended as
 *   trend(t)·0.95^t + mean·(1 − 0.95^t); σ(t) = std(last 30 days)·(1 + 0.10·√t).
 * - Ensemble: weighted means; σ² = (Σ wᵢσᵢ)² + min(disagreement, cap)², the disagreement
 *   being the population std of the two models' means; a 95% interval at ±1.96σ.
 */

export interface ScoreForecast {
  mean: number[];
  std: number[];
}

export interface ReversionParams {
  /** Daily reversion toward fair value (published: 0.05). */
  rate: number;
  /** σ(t) = base·(1 + growth·t) (published: 0.8, 0.03). */
  base: number;
  growth: number;
}

export const REVERSION_PUBLISHED: ReversionParams = { rate: 0.05, base: 0.8, growth: 0.03 };

export function reversionForecast(
  current: number,
  fairValue: number,
  horizon: number,
  params = REVERSION_PUBLISHED,
): ScoreForecast {
  const t = steps(horizon);
  return {
    mean: t.map((d) => current + (fairValue - current) * (1 - (1 - params.rate) ** d)),
    std: t.map((d) => params.base * (1 + params.growth * d)),
  };
}

export interface MomentumParams {
  /** Weights e^(−ewRate·lag) of the long-term mean (published: 0.3). */
  ewRate: number;
  /** Days of the linear trend and of the recent std (published: 30). */
  trendDays: number;
  /** Daily persistence of the trend (published: 0.95). */
  persistence: number;
  /** σ(t) = recent std·(1 + cone·√t) (published: 0.10). */
  cone: number;
}

export const MOMENTUM_PUBLISHED: MomentumParams = {
  ewRate: 0.3,
  trendDays: 30,
  persistence: 0.95,
  cone: 0.1,
};

/** `history`: daily scores up to and including the origin, oldest first. */
export function momentumForecast(
  history: ArrayLike<number>,
  horizon: number,
  params = MOMENTUM_PUBLISHED,
): ScoreForecast {
  const n = history.length;
  const k = params.trendDays;
  if (n < k) throw new RangeError(`momentum needs ${k} days of scores, got ${n}`);
  let weighted = 0, total = 0;
  for (let lag = 0; lag < n; lag++) {
    const w = Math.exp(-params.ewRate * lag);
    weighted += w * history[n - 1 - lag];
    total += w;
  }
  const longTermMean = weighted / total;
  // Least squares on x = 0 … k − 1 over the last k days; the origin is x = k − 1.
  const recent = Array.from({ length: k }, (_, i) => history[n - k + i]);
  const xMean = (k - 1) / 2;
  const yMean = recent.reduce((a, b) => a + b, 0) / k;
  let sxy = 0, sxx = 0;
  recent.forEach((y, x) => {
    sxy += (x - xMean) * (y - yMean);
    sxx += (x - xMean) ** 2;
  });
  const slope = sxx > 0 ? sxy / sxx : 0;
  const intercept = yMean - slope * xMean;
  const recentStd = Math.sqrt(recent.reduce((s, y) => s + (y - yMean) ** 2, 0) / k);
  const t = steps(horizon);
  return {
    mean: t.map((d) => {
      const decay = params.persistence ** d;
      return (intercept + slope * (k - 1 + d)) * decay + longTermMean * (1 - decay);
    }),
    std: t.map((d) => recentStd * (1 + params.cone * Math.sqrt(d))),
  };
}

export interface EnsembleMember {
  forecast: ScoreForecast;
  weight: number;
}

export interface EnsembleForecast extends ScoreForecast {
  lower: number[];
  upper: number[];
  /** The capped disagreement term of σ at each step. */
  disagreement: number[];
}

/** Weights must sum to 1; `cap` bounds the disagreement term (published: 1.5). */
export function ensembleForecast(members: EnsembleMember[], cap = 1.5, z = 1.96): EnsembleForecast {
  const total = members.reduce((s, m) => s + m.weight, 0);
  if (members.length === 0 || Math.abs(total - 1) > 1e-9) {
    throw new RangeError(`ensemble weights must sum to 1, got ${total}`);
  }
  const horizon = members[0].forecast.mean.length;
  const out: EnsembleForecast = { mean: [], std: [], lower: [], upper: [], disagreement: [] };
  for (let i = 0; i < horizon; i++) {
    const means = members.map((m) => m.forecast.mean[i]);
    const mean = members.reduce((s, m) => s + m.weight * m.forecast.mean[i], 0);
    const weightedStd = members.reduce((s, m) => s + m.weight * m.forecast.std[i], 0);
    const centre = means.reduce((a, b) => a + b, 0) / means.length;
    const spread = Math.sqrt(means.reduce((s, v) => s + (v - centre) ** 2, 0) / means.length);
    const disagreement = Math.min(spread, cap);
    const std = Math.sqrt(weightedStd ** 2 + disagreement ** 2);
    out.mean.push(mean);
    out.std.push(std);
    out.lower.push(mean - z * std);
    out.upper.push(mean + z * std);
    out.disagreement.push(disagreement);
  }
  return out;
}

function steps(horizon: number): number[] {
  if (!Number.isInteger(horizon) || horizon < 1) {
    throw new RangeError(`horizon must be a positive number of days, got ${horizon}`);
  }
  return Array.from({ length: horizon }, (_, i) => i + 1);
}
