/**
 * Paths simulated from a fitted GARCH(1,1) with Gaussian innovations, the classical
 * reference for synthetic returns: r_t = μ + σ_t·z_t, σ²_{t+1} = ω + α·(r_t − μ)² + β·σ²_t,
 * from a given first variance (the model's forecast for the first simulated day). Draws come
 * from one seeded stream: the same parameters, start and seed give the same paths.
 */
import { SeededRandom } from "../tf/rng.ts";
import type { GarchParams } from "./garch_likelihood.ts";

export interface GarchPathOptions {
  /** σ² of the first simulated day. */
  firstVariance: number;
  steps: number;
  paths: number;
  seed: number;
}

/** `paths` return series of `steps` days each. */
export function garchPaths(params: GarchParams, options: GarchPathOptions): number[][] {
  const { mu, omega, alpha, beta } = params;
  if (!(options.firstVariance > 0)) {
    throw new Error(
      `garch paths: the first variance must be positive, got ${options.firstVariance}`,
    );
  }
  const random = new SeededRandom(options.seed);
  return Array.from({ length: options.paths }, () => {
    let variance = options.firstVariance;
    return Array.from({ length: options.steps }, () => {
      const r = mu + Math.sqrt(variance) * random.normal();
      variance = omega + alpha * (r - mu) ** 2 + beta * variance;
      return r;
    });
  });
}
