/**
 * Trailing-window statistics: the value at t uses rows t-n+1..t only, so nothing looks
 * ahead. NaN until a full window is available; a NaN inside the window gives NaN.
 */

export function simpleReturns(close: Float64Array): Float64Array {
  return close.map((c, t) => t === 0 ? NaN : c / close[t - 1] - 1);
}

export function logReturns(close: Float64Array): Float64Array {
  return close.map((c, t) => t === 0 ? NaN : Math.log(c / close[t - 1]));
}

/** Change from the previous row: x[t] - x[t-1]. */
export function difference(values: Float64Array): Float64Array {
  return values.map((v, t) => t === 0 ? NaN : v - values[t - 1]);
}

export function rollingMean(values: Float64Array, n: number): Float64Array {
  const out = new Float64Array(values.length).fill(NaN);
  for (let t = n - 1; t < values.length; t++) {
    let sum = 0;
    for (let k = t - n + 1; k <= t; k++) sum += values[k];
    out[t] = sum / n;
  }
  return out;
}

/** Sample standard deviation (n - 1 in the denominator). */
export function rollingStd(values: Float64Array, n: number): Float64Array {
  const out = new Float64Array(values.length).fill(NaN);
  const means = rollingMean(values, n);
  for (let t = n - 1; t < values.length; t++) {
    let squares = 0;
    for (let k = t - n + 1; k <= t; k++) squares += (values[k] - means[t]) ** 2;
    out[t] = Math.sqrt(squares / (n - 1));
  }
  return out;
}

/**
 * Wilder's relative strength index (0–100): average gain and loss seeded with the simple
 * mean of the first `n` changes, then smoothed with weight 1/n.
 */
export function rsi(close: Float64Array, n: number): Float64Array {
  const out = new Float64Array(close.length).fill(NaN);
  let gain = 0;
  let loss = 0;
  for (let t = 1; t < close.length; t++) {
    const change = close[t] - close[t - 1];
    const up = Math.max(change, 0);
    const down = Math.max(-change, 0);
    if (t <= n) {
      gain += up / n;
      loss += down / n;
    } else {
      gain = (gain * (n - 1) + up) / n;
      loss = (loss * (n - 1) + down) / n;
    }
    if (t >= n) out[t] = loss === 0 ? 100 : 100 - 100 / (1 + gain / loss);
  }
  return out;
}
