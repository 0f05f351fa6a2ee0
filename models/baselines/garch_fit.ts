/**
 * Maximum-likelihood GARCH(1,1) fit. The optimiser works on unconstrained parameters that
 * map onto ω > 0, α ≥ 0, β ≥ 0, α + β < 1 (ω = eᶻ, α + β = logistic, α/(α + β) = logistic),
 * on returns rescaled to unit standard deviation (the maximum is equivariant); a small grid
 * of (α, β) picks the starting point, as the `arch` package does.
 */
import { minimizeBfgs } from "./bfgs.ts";
import { garchLogLikelihood, type GarchParams } from "./garch_likelihood.ts";

export type GarchMean = "constant" | "zero";

export interface GarchFit {
  params: GarchParams;
  logLikelihood: number;
  /** −2·loglik + 2·(number of estimated parameters). */
  aic: number;
  converged: boolean;
  iterations: number;
}

const logistic = (z: number) => 1 / (1 + Math.exp(-z));
const logit = (p: number) => Math.log(p / (1 - p));

export function fitGarch(returns: Float64Array, mean: GarchMean, maxIterations = 500): GarchFit {
  const n = returns.length;
  if (n < 20) throw new Error(`GARCH(1,1) needs at least 20 returns to fit; got ${n}`);
  const average = returns.reduce((s, r) => s + r, 0) / n;
  const scale = Math.sqrt(returns.reduce((s, r) => s + (r - average) ** 2, 0) / n);
  if (!(scale > 0)) throw new Error("GARCH(1,1): the training returns do not vary");
  const x = returns.map((r) => r / scale);
  const withMean = mean === "constant";
  const unpack = (u: ArrayLike<number>): GarchParams => {
    const k = withMean ? 1 : 0;
    const persistence = logistic(u[k + 1]);
    const alpha = persistence * logistic(u[k + 2]);
    return { mu: withMean ? u[0] : 0, omega: Math.exp(u[k]), alpha, beta: persistence - alpha };
  };
  const pack = (mu: number, omega: number, alpha: number, beta: number) => [
    ...(withMean ? [mu] : []),
    Math.log(omega),
    logit(alpha + beta),
    logit(alpha / (alpha + beta)),
  ];
  const objective = (u: Float64Array) => -garchLogLikelihood(x, unpack(u)) / n;

  const mu0 = withMean ? average / scale : 0;
  const variance0 = x.reduce((s, r) => s + (r - mu0) ** 2, 0) / n;
  let start = pack(mu0, variance0 * 0.05, 0.05, 0.9);
  let best = Infinity;
  for (const alpha of [0.03, 0.08, 0.15]) {
    for (const persistence of [0.9, 0.97, 0.995]) {
      const candidate = pack(mu0, variance0 * (1 - persistence), alpha, persistence - alpha);
      const value = objective(Float64Array.from(candidate));
      if (value < best) [best, start] = [value, candidate];
    }
  }
  const result = minimizeBfgs(objective, start, { maxIterations, gradientTolerance: 1e-8 });
  const scaled = unpack(result.x);
  const params = {
    mu: scaled.mu * scale,
    omega: scaled.omega * scale * scale,
    alpha: scaled.alpha,
    beta: scaled.beta,
  };
  const logLikelihood = garchLogLikelihood(returns, params);
  return {
    params,
    logLikelihood,
    aic: -2 * logLikelihood + 2 * (withMean ? 4 : 3),
    converged: result.converged,
    iterations: result.iterations,
  };
}
