/**
 * Forecasts of a fitted ARIMAX with its parameters held fixed: one Kalman pass through the
 * realised series, and at each origin the forecasts of the next `horizon` values from the
 * data up to and including that origin (nothing after it is read).
 */
import { ArmaFilter } from "./arma_state_space.ts";
import type { ArimaxFit } from "./arimax_fit.ts";
import { differenceWeights } from "./differencing.ts";

export interface ArimaxForecastInput {
  /** Realised series; rows after the last origin are never read. */
  y: ArrayLike<number>;
  /** Regressor columns aligned with y (same order as the fit's β). */
  exog: ArrayLike<number>[];
  /** Series indices after which to forecast, ascending. */
  origins: ArrayLike<number>;
  horizon: number;
  /** Regressor values used for every step of the forecast made at origins[i]. */
  futureExog: (originIndex: number) => ArrayLike<number>;
}

/** Point forecasts [origins.length, horizon] row-major. */
export function forecastArimax(fit: ArimaxFit, input: ArimaxForecastInput): Float64Array {
  const { y, exog, origins, horizon } = input;
  const d = fit.order.d;
  const weights = differenceWeights(d);
  const regression = (t: number) => {
    let sum = 0;
    for (let j = 0; j < exog.length; j++) sum += fit.beta[j] * exog[j][t];
    return sum;
  };
  const u: number[] = []; // regression errors yₜ − xₜβ, filled as the pass goes
  const differenced = (t: number) => {
    let value = u[t];
    for (let k = 1; k <= d; k++) value += weights[k - 1] * u[t - k];
    return value;
  };
  const filter = new ArmaFilter({ ar: fit.ar, ma: fit.ma });
  const out = new Float64Array(origins.length * horizon);
  let t = 0;
  for (let i = 0; i < origins.length; i++) {
    const origin = origins[i];
    if (i > 0 && origin < origins[i - 1]) throw new Error("forecastArimax: origins must ascend");
    if (origin < d - 1) {
      throw new Error(`forecastArimax: origin ${origin} has fewer than d=${d} observations`);
    }
    for (; t <= origin; t++) {
      const value = y[t] - regression(t);
      if (!Number.isFinite(value)) {
        throw new Error(`forecastArimax: row ${t} has a missing value in y or a regressor`);
      }
      u.push(value);
      if (t >= d) filter.step(differenced(t));
    }
    const future = input.futureExog(i);
    let level = 0;
    for (let j = 0; j < exog.length; j++) level += fit.beta[j] * future[j];
    const path = u.slice(Math.max(0, origin + 1 - d), origin + 1);
    for (let h = 1; h <= horizon; h++) {
      let next = filter.forecastMean(h);
      for (let k = 1; k <= d; k++) next -= weights[k - 1] * path[path.length - k];
      path.push(next);
      out[i * horizon + h - 1] = level + next;
    }
  }
  return out;
}
