/**
 * Weekly S&P 500 returns on an expanding walk-forward: does a CLS-token Transformer call
 * next week's direction better than ridge, a random forest and gradient-boosted trees on the
 * same flattened windows, or than always-long? GARCH(1,1) rides along as the volatility
 * baseline, and the report's backtests charge 0.1% per trade.
 *
 * Training starts in 2006 and grows by six months per step; each step tests the next six
 * months (30 steps: 2010-01 to 2024-12), keeping its last year for early stopping.
 */
import { pipeline, sweep } from "../engine/mod.ts";
import { walkForwardFold } from "../tasks/split.ts";
import { trainModel } from "../tasks/train.ts";
import { predictModel } from "../tasks/predict.ts";
import { trainingView } from "../tasks/training_view.ts";
import { evaluateForecasts } from "../tasks/evaluate.ts";
import { renderReport } from "../tasks/report.ts";
import { spxFeatures, STUDY_FEATURES } from "./studies/market_data.ts";

const WALK_FORWARD_STEPS = Array.from({ length: 30 }, (_, step) => step);

export default pipeline({
  name: "weekly-cls",
  seed: 11,
  description:
    "CLS-token Transformer vs ridge, random forest, boosting and always-long, walk-forward",
}, (p) => {
  const features = spxFeatures(p, { frequency: "weekly" });

  const fold = p.split("fold", walkForwardFold, {
    step: sweep(WALK_FORWARD_STEPS),
    start: "2006-01-01",
    initialYears: 4,
    stepMonths: 6,
    validationMonths: 12,
    encoderLength: 12,
    features: [...STUDY_FEATURES],
  }, { features });

  // Fits read the fold's training rows only, so a revision of test-period rows re-predicts
  // (predict) without refitting.
  const trainRows = p.split("train-rows", trainingView, {}, { fold });
  const fit = p.train("fit", trainModel, {
    model: sweep({
      "cls-transformer": { kind: "cls-transformer" },
      "ridge": { kind: "ridge" },
      "random-forest": { kind: "random-forest" },
      "gradient-boosting": { kind: "gradient-boosting" },
      "garch": { kind: "garch" },
      "always-long": { kind: "always-long" },
    }),
  }, { fold: trainRows });
  const forecasts = p.train("predict", predictModel, {}, { fold, fitted: fit });

  // The features give the report each macro series' publication timing (method section).
  const metrics = p.evaluate("metrics", evaluateForecasts, {}, {
    fits: forecasts.gather(),
    features,
  });
  p.report("report", renderReport, {
    title: "Weekly S&P 500, walk-forward: CLS Transformer against tabular baselines",
  }, { metrics });
});
