/**
 * The macro-regime study's DAG, shared by `macro-regime/ensemble` (both timings side by
 * side) and `macro-regime/as-published` (the source's daily data alone): FRED series and
 * S&P 500 closes from the mirror, the daily regime score per timing, the expanding
 * walk-forward of the member models at 7 / 14 / 30 days (origins every 7 / 14 / 30 days,
 * 1998–2024), the ensemble (an `ensemble` node: 70/30, equal, learned weights), the
 * calibration tracker (a `calibration` node), the study's metrics, and a report with the
 * `macro-regime` section.
 */
import { type PipelineBuilder, sweep } from "../../engine/mod.ts";
import { fetchMacro, fetchPrices } from "../../tasks/fetch.ts";
import { macroRegimeStudy, macroWalkForward, regimeScore } from "../../tasks/macro_regime.ts";
import { macroCalibration, macroEnsemble } from "../../tasks/macro_ensemble.ts";
import { renderReport } from "../../tasks/report.ts";
import { SCORE_SERIES } from "../../models/macro_regime/indicators.ts";
import type { Timing } from "../../models/macro_regime/daily_score.ts";

export const MACRO_REGIME_HORIZONS = [7, 14, 30];

export function macroRegimeDag(p: PipelineBuilder, options: { timings: Timing[]; title: string }) {
  const macro = p.fetch("macro", fetchMacro, {
    series: [...SCORE_SERIES],
    start: "1985-01-01",
    end: "2024-12-31",
  });
  const spx = p.fetch("spx", fetchPrices, {
    symbol: "^GSPC",
    start: "1997-01-01",
    end: "2024-12-31",
  });
  const score = p.feature("score", regimeScore, { timing: sweep(options.timings) }, { macro });
  const walk = p.train("walk-forward", macroWalkForward, {
    horizon: sweep(MACRO_REGIME_HORIZONS),
  }, { score });
  const ensemble = p.node("ensemble", {
    kind: "ensemble",
    task: macroEnsemble,
    params: { ensembleWeight: 0.7 },
    inputs: { members: walk },
  });
  const calibration = p.node("calibration", {
    kind: "calibration",
    task: macroCalibration,
    inputs: { score, forecasts: ensemble },
  });
  const study = p.evaluate("study", macroRegimeStudy, {}, {
    scores: score.gather(),
    forecasts: ensemble.gather(),
    calibrations: calibration.gather(),
    spx,
  });
  p.report("report", renderReport, { title: options.title, sections: ["macro-regime"] }, {
    metrics: study,
  });
}
