/**
 * The stylised facts of asset returns (Cont 2001) that synthetic market paths must
 * reproduce to be called realistic: fat tails (excess kurtosis), volatility clustering
 * (autocorrelation of |r| that stays positive over many lags while that of r is near zero),
 * the leverage effect (falling prices raise later volatility: corr(r_t, |r_{t+k}|) < 0) and
 * the distribution of drawdowns. Plain arrays in, plain numbers out.
 */

function mean(x: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += x[i];
  return sum / x.length;
}

/** Excess kurtosis m₄/m₂² − 3 (population moments): 0 for normal returns. */
export function excessKurtosis(r: ArrayLike<number>): number {
  if (r.length < 4) throw new RangeError(`kurtosis needs ≥ 4 returns, got ${r.length}`);
  const m = mean(r);
  let m2 = 0, m4 = 0;
  for (let i = 0; i < r.length; i++) {
    const d = (r[i] - m) ** 2;
    m2 += d;
    m4 += d * d;
  }
  m2 /= r.length;
  m4 /= r.length;
  if (m2 === 0) throw new RangeError("kurtosis of constant returns is undefined");
  return m4 / (m2 * m2) - 3;
}

/** Sample autocorrelation at lags 1 … maxLag (the standard estimator, divisor n). */
export function autocorrelation(x: ArrayLike<number>, maxLag: number): number[] {
  const n = x.length;
  if (maxLag >= n) {
    throw new RangeError(`autocorrelation to lag ${maxLag} needs more than ${maxLag} values`);
  }
  const m = mean(x);
  let c0 = 0;
  for (let i = 0; i < n; i++) c0 += (x[i] - m) ** 2;
  return Array.from({ length: maxLag }, (_, k) => {
    let ck = 0;
    for (let i = 0; i + k + 1 < n; i++) ck += (x[i] - m) * (x[i + k + 1] - m);
    return ck / c0;
  });
}

/** Pearson correlation of r_t with |r_{t+k}|, k = 1 … maxLag (negative: the leverage effect). */
export function leverageEffect(r: ArrayLike<number>, maxLag: number): number[] {
  return Array.from({ length: maxLag }, (_, k) => {
    const lead = k + 1;
    const a = Array.prototype.slice.call(r, 0, r.length - lead) as number[];
    const b = (Array.prototype.slice.call(r, lead) as number[]).map(Math.abs);
    const [ma, mb] = [mean(a), mean(b)];
    let sab = 0, saa = 0, sbb = 0;
    for (let i = 0; i < a.length; i++) {
      sab += (a[i] - ma) * (b[i] - mb);
      saa += (a[i] - ma) ** 2;
      sbb += (b[i] - mb) ** 2;
    }
    return sab / Math.sqrt(saa * sbb);
  });
}

export interface Drawdown {
  /** Peak-to-trough loss as a fraction of the peak (0.2 = −20%). */
  depth: number;
  /** Bars from the peak to the recovery (or to the end, if never recovered). */
  duration: number;
  recovered: boolean;
}

/** Every drawdown episode of the wealth path Π(1 + r), in order. */
export function drawdowns(r: ArrayLike<number>): Drawdown[] {
  const episodes: Drawdown[] = [];
  let wealth = 1, peak = 1, trough = 1, start = -1;
  for (let t = 0; t < r.length; t++) {
    wealth *= 1 + r[t];
    if (wealth >= peak) {
      if (start >= 0) {
        episodes.push({ depth: 1 - trough / peak, duration: t - start, recovered: true });
      }
      peak = trough = wealth;
      start = -1;
    } else {
      if (start < 0) start = t - 1;
      trough = Math.min(trough, wealth);
    }
  }
  if (start >= 0) {
    episodes.push({ depth: 1 - trough / peak, duration: r.length - 1 - start, recovered: false });
  }
  return episodes;
}

export interface StylisedFacts {
  excessKurtosis: number;
  /** Autocorrelation of r at lags 1 … lags (near zero in real markets). */
  returnAcf: number[];
  /** Autocorrelation of |r| at lags 1 … lags (positive, slowly decaying: clustering). */
  absoluteAcf: number[];
  /** corr(r_t, |r_{t+k}|), k = 1 … lags. */
  leverage: number[];
  maxDrawdown: number;
  /** Median and 90th percentile of drawdown depths. */
  drawdownDepth: { median: number; p90: number; count: number };
}

function quantile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const pos = (sorted.length - 1) * p;
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export function stylisedFacts(r: ArrayLike<number>, lags = 10): StylisedFacts {
  const depths = drawdowns(r).map((d) => d.depth).sort((a, b) => a - b);
  return {
    excessKurtosis: excessKurtosis(r),
    returnAcf: autocorrelation(r, lags),
    absoluteAcf: autocorrelation(Array.from(r, Math.abs), lags),
    leverage: leverageEffect(r, lags),
    maxDrawdown: depths.length ? depths[depths.length - 1] : 0,
    drawdownDepth: {
      median: quantile(depths, 0.5),
      p90: quantile(depths, 0.9),
      count: depths.length,
    },
  };
}
