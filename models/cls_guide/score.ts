/**
 * Scores one run of the guide's protocol on its test windows: the Transformer's forecasts,
 * the constant forecast (the fit windows' mean return) and buy-and-hold on the same days —
 * MSE, MAE, direction accuracy, the guide's backtest (Sharpe by the run's formula, annual
 * return, trades). An MSE equal to the constant's is no skill; a forecast that never crosses
 * the threshold never trades.
 */
import { guideBacktest, guideSharpe } from "./backtest.ts";
import type { GuideFrame } from "./features.ts";
import type { GuideProtocol } from "./protocol.ts";
import type { GuideWindows } from "./windows.ts";

export interface ForecastScore {
  mse: number;
  mae: number;
  /** Share of test days whose forecast sign (> 0 = up) matches the return's. */
  directionAccuracy: number;
  sharpe: number;
  annualReturn: number;
  trades: number;
  /** Daily returns of its backtest. */
  daily: Float64Array;
}

export interface GuideScores {
  /** Decision dates and realised returns of the test windows. */
  dates: string[];
  actual: Float64Array;
  transformer: ForecastScore;
  constant: ForecastScore;
  buyAndHold: { sharpe: number; annualReturn: number; daily: Float64Array };
}

export function scoreGuideRun(
  frame: GuideFrame,
  windows: GuideWindows,
  run: { forecasts: Float64Array; trainingMean: number },
  protocol: GuideProtocol,
): GuideScores {
  const decisions = windows.test.map(windows.decision);
  for (let k = 1; k < decisions.length; k++) {
    if (decisions[k] !== decisions[k - 1] + 1) {
      throw new Error(`cls-guide: test windows are not consecutive days at ${k}`);
    }
  }
  const prices = [...decisions.map((d) => frame.close[d]), frame.close[decisions.at(-1)! + 1]];
  const actual = Float64Array.from(decisions, (d) => frame.close[d + 1] / frame.close[d] - 1);
  const score = (forecasts: ArrayLike<number>): ForecastScore => {
    let [se, ae, hits] = [0, 0, 0];
    for (let i = 0; i < actual.length; i++) {
      se += (forecasts[i] - actual[i]) ** 2;
      ae += Math.abs(forecasts[i] - actual[i]);
      hits += +(forecasts[i] > 0 === actual[i] > 0);
    }
    const bt = guideBacktest(forecasts, prices, protocol);
    return {
      mse: se / actual.length,
      mae: ae / actual.length,
      directionAccuracy: hits / actual.length,
      sharpe: guideSharpe(bt.daily, protocol.sharpe),
      annualReturn: bt.annualReturn,
      trades: bt.trades,
      daily: bt.daily,
    };
  };
  const hold = guideBacktest(actual.map(() => 1), prices, { threshold: 0, cost: 0 });
  return {
    dates: decisions.map((d) => frame.dates[d]),
    actual,
    transformer: score(run.forecasts),
    constant: score(actual.map(() => run.trainingMean)),
    buyAndHold: {
      sharpe: guideSharpe(hold.daily, protocol.sharpe),
      annualReturn: hold.annualReturn,
      daily: hold.daily,
    },
  };
}
