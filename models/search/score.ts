/**
 * Scores of one model's up/down calls on a row range: directional accuracy, the excess
 * over always-long on the same rows, and the long/flat strategy's daily returns (long the
 * next day when the call is up, flat otherwise, paying `cost` per unit of position change).
 */

export function accuracy(calls: ArrayLike<number>, returns: ArrayLike<number>): number {
  let hits = 0;
  for (let t = 0; t < calls.length; t++) hits += calls[t] === (returns[t] > 0 ? 1 : 0) ? 1 : 0;
  return hits / calls.length;
}

/** Always-long's accuracy: the share of up days (a zero return counts as not up). */
export function baseRate(returns: ArrayLike<number>): number {
  let up = 0;
  for (let t = 0; t < returns.length; t++) up += returns[t] > 0 ? 1 : 0;
  return up / returns.length;
}

/** Daily long/flat returns; the position before the first row is flat. */
export function longFlatReturns(
  calls: ArrayLike<number>,
  returns: ArrayLike<number>,
  cost: number,
): Float64Array {
  const out = new Float64Array(calls.length);
  let previous = 0;
  for (let t = 0; t < calls.length; t++) {
    out[t] = calls[t] * returns[t] - cost * Math.abs(calls[t] - previous);
    previous = calls[t];
  }
  return out;
}

/**
 * Loss differentials against always-long, d[t] = L_long(t) − L_model(t) with the
 * directional loss (1 for a wrong call): +1 where the model alone is right, −1 where
 * always-long alone is. Their mean is the excess accuracy.
 */
export function directionalDifferentials(
  calls: ArrayLike<number>,
  returns: ArrayLike<number>,
): Int8Array {
  const out = new Int8Array(calls.length);
  for (let t = 0; t < calls.length; t++) {
    const up = returns[t] > 0 ? 1 : 0;
    out[t] = (1 - up) - (calls[t] === up ? 0 : 1);
  }
  return out;
}

/** Per-period Sharpe ratio (mean / population std); null for constant returns. */
export function sharpe(returns: ArrayLike<number>): number | null {
  const n = returns.length;
  let sum = 0;
  for (let t = 0; t < n; t++) sum += returns[t];
  const m = sum / n;
  let squares = 0;
  for (let t = 0; t < n; t++) squares += (returns[t] - m) ** 2;
  const sd = Math.sqrt(squares / n);
  return sd > 1e-15 ? m / sd : null;
}
