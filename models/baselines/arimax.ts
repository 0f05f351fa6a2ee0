/**
 * ARIMAX(p, d, q): regression on exogenous features with ARIMA errors, fitted by exact
 * maximum likelihood (Kalman filter), the order chosen by AIC on the training window over a
 * small grid. Coefficients and forecasts match statsmodels SARIMAX (see the reference test).
 *
 * Alignment: the return of row t is regressed on the named `past` features of row t − 1, so
 * the forecast made at origin o reads the features at the origin row only. For steps h > 1
 * the features are held at their origin-row values (later rows are not known at the origin).
 * With d = 0 an intercept (`const`) is included; with d > 0 it is dropped (differencing
 * removes it). Forecasts filter through every realised return up to the origin with the
 * fitted parameters fixed; nothing after the origin is read.
 *
 * The order is the lowest AIC among fits whose AR and MA roots keep a margin from the unit
 * circle (see arimax_selection.ts for why); rejected orders are listed in the fit summary.
 */
import type { Explanation, FitOptions, Fold, ModelSpec, SplitName } from "../contract.ts";
import { type ArimaxData, type ArimaxFit, fitArimaxOrder } from "./arimax_fit.ts";
import { forecastArimax } from "./arimax_forecast.ts";
import { selectArimaxOrder } from "./arimax_selection.ts";
import { requireFitted, summaryReport } from "./forecast.ts";
import { returnsOf, trainingRows } from "./training_rows.ts";
import { loadWith, type Restorable, saveState } from "./saved_state.ts";
import { type ArimaxConfig, arimaxConfig, arimaxKind } from "./arimax_config.ts";

export { type ArimaxConfig, arimaxConfig } from "./arimax_config.ts";

interface Fitted {
  fit: ArimaxFit;
  /** First series row (returns from here on are modelled). */
  firstRow: number;
  columns: number[];
  names: string[];
}

class Arimax implements Restorable<Fitted> {
  #fitted: Fitted | null = null;

  constructor(private readonly config: ArimaxConfig) {}

  fit(fold: Fold, options?: FitOptions) {
    return Promise.try(() => {
      const rows = trainingRows(fold, this.config.fitOn);
      const firstRow = rows.first + 1; // regressors come from the previous row
      const y = returnsOf(fold, { first: firstRow, last: rows.last }, "arimax");
      const columns = this.config.exog.map((name) => exogColumn(fold, name));
      const candidates: ArimaxFit[] = [];
      const failures: string[] = [];
      // The regressors depend on d only: built on first use (where an invalid one throws) and
      // shared by every (p, q); fits only read them.
      const dataByD = new Map<number, ArimaxData>();
      for (const p of this.config.p) {
        for (const d of this.config.d) {
          for (const q of this.config.q) {
            options?.signal?.throwIfAborted();
            let data = dataByD.get(d);
            if (!data) {
              const withIntercept = this.config.intercept && d === 0;
              data = regressionData(fold, {
                firstRow,
                lastRow: rows.last,
                y,
                columns,
                withIntercept,
              });
              dataByD.set(d, data);
            }
            try {
              candidates.push(fitArimaxOrder(data, { p, d, q }, this.config.maxIterations));
            } catch (error) {
              failures.push(`(${p},${d},${q}): ${(error as Error).message}`);
            }
          }
        }
      }
      if (candidates.length === 0) {
        throw new Error(
          `arimax: fold ${fold.id}: no order could be fitted; ${failures.join("; ")}`,
        );
      }
      const { best, rejected } = selectArimaxOrder(candidates, this.config.minRootModulus);
      if (best === null) {
        throw new Error(
          `arimax: fold ${fold.id}: every fitted order lies on the stationarity/invertibility ` +
            `boundary (${rejected.join("; ")}); add p = 0 and q = 0 to the grid or lower ` +
            `config.minRootModulus`,
        );
      }
      const names = [
        ...(this.config.intercept && best.order.d === 0 ? ["const"] : []),
        ...this.config.exog,
      ];
      this.#fitted = { fit: best, firstRow, columns, names };
      return summaryReport({
        order: `ARIMAX(${best.order.p},${best.order.d},${best.order.q})`,
        aic: best.aic,
        logLikelihood: best.logLikelihood,
        nobs: best.nobs,
        converged: String(best.converged),
        ...coefficientTable(best, names),
        gridOrders: candidates.map((c) => `(${c.order.p},${c.order.d},${c.order.q})`).join(" "),
        gridAic: candidates.map((c) => c.aic),
        ...(rejected.length > 0 ? { gridRejected: rejected.join("; ") } : {}),
        ...(failures.length > 0 ? { gridFailures: failures.join("; ") } : {}),
      });
    });
  }

  predict(fold: Fold, split: SplitName) {
    return Promise.try(() => {
      const { fit, firstRow, columns } = requireFitted(this.#fitted, "arimax");
      const origins = fold.splits[split];
      const order = Array.from(origins.keys()).sort((a, b) => origins[a] - origins[b]);
      const lastOrigin = origins.length > 0 ? origins[order[order.length - 1]] : firstRow;
      const y = returnsOf(
        fold,
        { first: firstRow, last: Math.max(firstRow, lastOrigin) },
        "arimax",
      );
      const withIntercept = this.config.intercept && fit.order.d === 0;
      const data = regressionData(fold, {
        firstRow,
        lastRow: firstRow + y.length - 1,
        y,
        columns,
        withIntercept,
      });
      const sortedRows = order.map((i) => origins[i]);
      const forecasts = forecastArimax(fit, {
        y,
        exog: data.exog,
        origins: sortedRows.map((row) => row - firstRow),
        horizon: fold.horizon,
        futureExog: (i) => originFeatures(fold, sortedRows[i], columns, withIntercept),
      });
      const point = new Float32Array(origins.length * fold.horizon);
      order.forEach((original, sorted) => {
        point.set(
          forecasts.subarray(sorted * fold.horizon, (sorted + 1) * fold.horizon),
          original * fold.horizon,
        );
      });
      return { split, origins, horizon: fold.horizon, point };
    });
  }

  explain(): Promise<Explanation> {
    return Promise.try(() => {
      const { fit, names } = requireFitted(this.#fitted, "arimax");
      return { coefficients: coefficientTable(fit, names) };
    });
  }

  save() {
    return saveState("arimax", requireFitted(this.#fitted, "arimax"));
  }

  restore(fitted: Fitted) {
    this.#fitted = fitted;
  }
}

function exogColumn(fold: Fold, name: string): number {
  const column = fold.pastNames.indexOf(name);
  if (column < 0) {
    throw new Error(
      `arimax config.exog: fold ${fold.id} has no past feature "${name}"; ` +
        `available: ${fold.pastNames.join(", ")}`,
    );
  }
  return column;
}

/** Regressors of row t are the past features of row t − 1 (plus a constant). */
function regressionData(
  fold: Fold,
  spec: {
    firstRow: number;
    lastRow: number;
    y: Float64Array;
    columns: number[];
    withIntercept: boolean;
  },
): ArimaxData {
  const n = spec.lastRow - spec.firstRow + 1;
  const exog: Float64Array[] = spec.withIntercept ? [new Float64Array(n).fill(1)] : [];
  for (const column of spec.columns) {
    exog.push(Float64Array.from({ length: n }, (_, i) => {
      const row = spec.firstRow + i - 1;
      const value = fold.past.values[row * fold.past.cols + column];
      if (!Number.isFinite(value)) {
        throw new Error(
          `arimax: fold ${fold.id} past feature "${fold.pastNames[column]}" is ${value} at row ` +
            `${row} (${fold.dates[row]}); regressors must be present on every modelled row`,
        );
      }
      return value;
    }));
  }
  const names = [
    ...(spec.withIntercept ? ["const"] : []),
    ...spec.columns.map((c) => fold.pastNames[c]),
  ];
  return { y: spec.y, exog, exogNames: names };
}

function originFeatures(
  fold: Fold,
  origin: number,
  columns: number[],
  withIntercept: boolean,
): number[] {
  const values = columns.map((column) => fold.past.values[origin * fold.past.cols + column]);
  return withIntercept ? [1, ...values] : values;
}

function coefficientTable(fit: ArimaxFit, names: string[]): Record<string, number> {
  const table: Record<string, number> = {};
  names.forEach((name, j) => (table[name] = fit.beta[j]));
  fit.ar.forEach((value, j) => (table[`ar.L${j + 1}`] = value));
  fit.ma.forEach((value, j) => (table[`ma.L${j + 1}`] = value));
  table.sigma2 = fit.sigma2;
  return table;
}

export const arimaxSpec: ModelSpec<ArimaxConfig> = {
  ...arimaxKind,
  schema: arimaxConfig,
  create: (config) => new Arimax(config),
  load: loadWith("arimax", (config) => new Arimax(config)),
};
