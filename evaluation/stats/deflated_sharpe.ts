/**
 * The probabilistic and deflated Sharpe ratios of Bailey & López de Prado (2012, 2014).
 *
 * PSR(SR*) = Φ((SR − SR*)·√(T − 1) / √(1 − γ₃·SR + (γ₄ − 1)/4·SR²)) is the probability that
 * the true Sharpe ratio exceeds SR*, given T returns with skewness γ₃ and (non-excess)
 * kurtosis γ₄. The deflated Sharpe ratio is the PSR against the Sharpe ratio the best of N
 * independent trials would reach by luck alone:
 * SR₀ = √V[SR]·((1 − γ)·Φ⁻¹(1 − 1/N) + γ·Φ⁻¹(1 − 1/(N·e))), γ the Euler–Mascheroni constant,
 * V[SR] the variance of the Sharpe ratios across the trials. All Sharpe ratios here are per
 * period (not annualised), as the formulas require.
 */
import { normalCdf, normalQuantile } from "./distributions.ts";
import { mean } from "./descriptive.ts";

const EULER_GAMMA = 0.5772156649015329;

export interface ReturnMoments {
  /** Per-period Sharpe ratio: mean / standard deviation (divisor n). */
  sharpe: number;
  skewness: number;
  /** Kurtosis, not excess: 3 for normal returns. */
  kurtosis: number;
  periods: number;
}

/** Sharpe ratio and higher moments of per-period (excess) returns. */
export function returnMoments(returns: ArrayLike<number>): ReturnMoments {
  const n = returns.length;
  if (n < 2) throw new RangeError(`Sharpe ratio needs ≥ 2 returns, got ${n}`);
  const m = mean(returns)!;
  let m2 = 0, m3 = 0, m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = returns[i] - m;
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  if (m2 === 0) throw new RangeError("Sharpe ratio of constant returns is undefined");
  return {
    sharpe: m / Math.sqrt(m2),
    skewness: m3 / m2 ** 1.5,
    kurtosis: m4 / (m2 * m2),
    periods: n,
  };
}

/** Probability that the true Sharpe ratio exceeds `benchmark` (per period). */
export function probabilisticSharpe(moments: ReturnMoments, benchmark: number): number {
  const { sharpe, skewness, kurtosis, periods } = moments;
  const spread = 1 - skewness * sharpe + ((kurtosis - 1) / 4) * sharpe * sharpe;
  if (!(spread > 0)) throw new RangeError("Sharpe ratio's standard error is undefined here");
  return normalCdf(((sharpe - benchmark) * Math.sqrt(periods - 1)) / Math.sqrt(spread));
}

/** The Sharpe ratio the best of `trials` independent trials reaches by luck (per period). */
export function expectedMaxSharpe(trials: number, sharpeVariance: number): number {
  if (!Number.isInteger(trials) || trials < 2) {
    throw new RangeError(`expected maximum Sharpe needs ≥ 2 trials, got ${trials}`);
  }
  if (!(sharpeVariance >= 0)) {
    throw new RangeError(`Sharpe variance must be ≥ 0: ${sharpeVariance}`);
  }
  return Math.sqrt(sharpeVariance) *
    ((1 - EULER_GAMMA) * normalQuantile(1 - 1 / trials) +
      EULER_GAMMA * normalQuantile(1 - 1 / (trials * Math.E)));
}

export interface DeflatedSharpe {
  /** SR₀: the luck threshold for the best of the trials. */
  threshold: number;
  /** PSR(SR₀): near 1 means the selected strategy's Sharpe ratio is unlikely to be luck. */
  probability: number;
}

export function deflatedSharpe(
  moments: ReturnMoments,
  trials: { count: number; sharpeVariance: number },
): DeflatedSharpe {
  const threshold = expectedMaxSharpe(trials.count, trials.sharpeVariance);
  return { threshold, probability: probabilisticSharpe(moments, threshold) };
}
