/**
 * Bollinger-style trading of one pair's spread s = log y − β_t·log x, out of sample:
 *
 * - at each close t from `from` on, z_t = (s_t − mean) / std over the last `lookback` closes,
 *   all priced with today's β_t (so a moving β does not make the bands jump), from rows ≤ t;
 * - flat → long the spread when z_t < −entry, short when z_t > +entry; long → flat when
 *   z_t ≥ 0, short → flat when z_t ≤ 0 (exits at the mean);
 * - a position set at close t earns the next day's return of its legs, fixed at entry:
 *   w_y = ±1/(1 + |β|) in y and ∓β/(1 + |β|) in x (one unit of gross capital);
 * - every entry and exit pays `cost` per unit of gross notional traded.
 *
 * `pnl[t]` is the return earned over day t (rows from + 1 … end), so day t's P&L depends on
 * prices up to t only and on the β's up to t − 1.
 */
export interface SpreadTradingOptions {
  /** First row on which a position may be opened (the first test day). */
  from: number;
  lookback: number;
  /** Entry threshold in standard deviations (2). */
  entry: number;
  /** Cost per unit of gross notional traded (0.0005 = 5 bp a side). */
  cost: number;
}

export interface SpreadTrades {
  /** Daily return of the pair (NaN before `from` + 1), costs deducted. */
  pnl: Float64Array;
  /** The same without costs. */
  gross: Float64Array;
  /** Position held after the close of each row: +1 long spread, −1 short, 0 flat. */
  position: Int8Array;
  /** Round trips opened. */
  trades: number;
}

function zScore(
  logY: ArrayLike<number>,
  logX: ArrayLike<number>,
  beta: number,
  t: number,
  n: number,
) {
  let sum = 0, sumSq = 0;
  for (let k = t - n + 1; k <= t; k++) {
    const s = logY[k] - beta * logX[k];
    sum += s;
    sumSq += s * s;
  }
  const mean = sum / n;
  const sd = Math.sqrt(Math.max(0, sumSq / n - mean * mean));
  return sd > 0 ? (logY[t] - beta * logX[t] - mean) / sd : 0;
}

export function tradeSpread(
  logY: ArrayLike<number>,
  logX: ArrayLike<number>,
  beta: ArrayLike<number>,
  options: SpreadTradingOptions,
): SpreadTrades {
  const { from, lookback, entry, cost } = options;
  const n = logY.length;
  if (logX.length !== n || beta.length !== n) {
    throw new RangeError(
      `pair series of unequal lengths: y ${n}, x ${logX.length}, β ${beta.length}`,
    );
  }
  if (from < lookback - 1) {
    throw new RangeError(`trading starts at row ${from}, before the ${lookback}-row band exists`);
  }
  const pnl = new Float64Array(n).fill(NaN);
  const gross = new Float64Array(n).fill(NaN);
  const position = new Int8Array(n);
  let [side, wy, wx, trades] = [0, 0, 0, 0];
  for (let t = from; t < n; t++) {
    if (t > from) {
      const ry = Math.exp(logY[t] - logY[t - 1]) - 1;
      const rx = Math.exp(logX[t] - logX[t - 1]) - 1;
      gross[t] = side === 0 ? 0 : wy * ry + wx * rx;
      pnl[t] = gross[t];
    } else {
      [pnl[t], gross[t]] = [0, 0];
    }
    const b = beta[t];
    const z = Number.isFinite(b) ? zScore(logY, logX, b, t, lookback) : 0;
    const next = side === 0
      ? (Number.isFinite(b) && z < -entry ? 1 : Number.isFinite(b) && z > entry ? -1 : 0)
      : (side === 1 && z >= 0) || (side === -1 && z <= 0)
      ? 0
      : side;
    if (next !== side) {
      pnl[t] -= cost; // gross notional traded is 1 on entry and on exit
      if (next !== 0) {
        const scale = 1 / (1 + Math.abs(b));
        [wy, wx] = [next * scale, -next * b * scale];
        trades++;
      }
      side = next;
    }
    position[t] = side;
  }
  return { pnl, gross, position, trades };
}
