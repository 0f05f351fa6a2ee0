/**
 * One-step variance forecasts scored against the squared return r² (the source's GARCH
 * comparison), pooled over the folds, every model on the same rows: QLIKE, log σ̂² + r²/σ̂²
 * (robust to the noise of r² as a proxy, Patton 2011), MSE of σ̂² against r², the share of
 * returns inside ±1.96σ̂ (0.95 if calibrated and Gaussian), and Diebold–Mariano tests of each
 * model's QLIKE against the reference models' (GARCH(1,1), the realised-volatility naive).
 */
import type { TrainResult } from "../../models/contract.ts";
import { dieboldMariano } from "../stats/diebold_mariano.ts";

export interface VarianceScore {
  label: string;
  rows: number;
  qlike: number;
  mse: number;
  coverage95: number;
  /** √(mean σ̂²) and √(mean r²): forecast and realised volatility per bar. */
  forecastVol: number;
  realisedVol: number;
  /** QLIKE against each reference, by its label: mean difference (negative: better), p. */
  against: Record<string, { meanDifference: number; pValue: number | null }>;
}

interface Pooled {
  label: string;
  dates: string[];
  variance: number[];
  squared: number[];
}

function pooled(label: string, fits: TrainResult[]): Pooled {
  const out: Pooled = { label, dates: [], variance: [], squared: [] };
  for (const fit of [...fits].sort((a, b) => (a.testYear ?? 0) - (b.testYear ?? 0))) {
    const { variance, actual, horizon, dates, origins } = fit.test;
    if (!variance) {
      throw new Error(`variance scores: model ${label} (fold ${fit.foldId}) has no variance`);
    }
    for (let i = 0; i < origins.length; i++) {
      out.dates.push(dates[i]);
      out.variance.push(variance[i * horizon]);
      out.squared.push(actual[i * horizon] ** 2);
    }
  }
  return out;
}

const qlikeLoss = (p: Pooled) => p.variance.map((v, i) => Math.log(v) + p.squared[i] / v);
const meanOf = (x: number[]) => x.reduce((a, b) => a + b, 0) / x.length;

/** Scores of every labelled model with variance forecasts; `references` are DM-tested against. */
export function varianceScores(
  byLabel: Map<string, TrainResult[]>,
  references: readonly string[],
): VarianceScore[] {
  const all = [...byLabel].map(([label, fits]) => pooled(label, fits));
  const [first] = all;
  for (const p of all) {
    if (p.dates.join() !== first.dates.join()) {
      throw new Error(
        `variance scores: model ${p.label} is scored on other rows than ${first.label}; ` +
          "every model must forecast the same test rows",
      );
    }
  }
  const losses = new Map(all.map((p) => [p.label, qlikeLoss(p)]));
  return all.map((p) => {
    const loss = losses.get(p.label)!;
    const against: VarianceScore["against"] = {};
    for (const ref of references) {
      if (ref === p.label || !losses.has(ref)) continue;
      const dm = dieboldMariano({ lossModel: loss, lossBenchmark: losses.get(ref)!, horizon: 1 });
      against[ref] = { meanDifference: dm.meanDifference, pValue: dm.pValue };
    }
    const n = p.variance.length;
    let covered = 0;
    for (let i = 0; i < n; i++) if (p.squared[i] <= 1.96 ** 2 * p.variance[i]) covered++;
    return {
      label: p.label,
      rows: n,
      qlike: meanOf(loss),
      mse: meanOf(p.variance.map((v, i) => (v - p.squared[i]) ** 2)),
      coverage95: covered / n,
      forecastVol: Math.sqrt(meanOf(p.variance)),
      realisedVol: Math.sqrt(meanOf(p.squared)),
      against,
    };
  });
}
