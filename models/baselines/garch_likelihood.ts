/**
 * GARCH(1,1) with Gaussian innovations: rₜ = μ + eₜ, σ²ₜ = ω + α·e²ₜ₋₁ + β·σ²ₜ₋₁.
 * The recursion starts from the "backcast" σ²₀ = mean of e² over the fitted window (a
 * function of μ), so the likelihood is a deterministic function of (μ, ω, α, β) and data.
 */

export interface GarchParams {
  mu: number;
  omega: number;
  alpha: number;
  beta: number;
}

/** σ²₀ for the recursion: mean squared deviation from μ. */
export function garchBackcast(returns: ArrayLike<number>, mu: number): number {
  let sum = 0;
  for (let t = 0; t < returns.length; t++) sum += (returns[t] - mu) ** 2;
  return sum / returns.length;
}

/** Gaussian log-likelihood of the returns; −∞ where a variance is not positive. */
export function garchLogLikelihood(returns: ArrayLike<number>, params: GarchParams): number {
  const { mu, omega, alpha, beta } = params;
  let variance = garchBackcast(returns, mu);
  let total = 0;
  for (let t = 0; t < returns.length; t++) {
    if (t > 0) variance = omega + alpha * (returns[t - 1] - mu) ** 2 + beta * variance;
    if (!(variance > 0)) return -Infinity;
    const e = returns[t] - mu;
    total += Math.log(2 * Math.PI) + Math.log(variance) + (e * e) / variance;
  }
  return -0.5 * total;
}

/** Long-run variance ω / (1 − α − β). */
export function unconditionalVariance(params: GarchParams): number {
  return params.omega / (1 - params.alpha - params.beta);
}

/** E[σ²ₒ₊ₕ | data to o] = V + (α + β)^(h−1)·(σ²ₒ₊₁ − V), for h = 1..horizon. */
export function varianceForecasts(
  params: GarchParams,
  nextVariance: number,
  horizon: number,
): number[] {
  const longRun = unconditionalVariance(params);
  const persistence = params.alpha + params.beta;
  return Array.from(
    { length: horizon },
    (_, h) => longRun + persistence ** h * (nextVariance - longRun),
  );
}
