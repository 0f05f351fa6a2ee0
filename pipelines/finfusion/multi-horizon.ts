/**
 * `finfusion/multi-horizon` (the reference's phase 10). Hypothesis: forecasting 5, 10 or 30
 * weeks at once with 3, 5 or 7 quantiles gives the TFT a richer target whose step-1 call,
 * or the call averaged over the horizon, beats always-long; the reference found the
 * rolling-fold accuracy fell as the horizon grew. One evaluation per horizon: per step, at
 * step 1 and on the horizon-averaged signal.
 */
import { quantilePreset } from "../../models/tft/interventions.ts";
import { BASE_TFT, phasePipeline, type PhaseSpec } from "../studies/finfusion_phase.ts";

export const PHASE: PhaseSpec = {
  claim: "beats-always-long",
  description:
    "Hypothesis: multi-horizon TFTs (h = 5, 10, 30; 3/5/7 quantiles) beat always-long at " +
    "step 1 or on the horizon-averaged call (9 weekly rolling folds per horizon)",
  options: {
    id: "multi-horizon",
    title: "Multi-horizon TFT and quantile presets",
    horizon: [5, 10, 30],
    models: {
      "tft-3q": { ...BASE_TFT, quantiles: quantilePreset(3) },
      "tft-5q": { ...BASE_TFT, quantiles: quantilePreset(5) },
      "tft-7q": { ...BASE_TFT, quantiles: quantilePreset(7) },
      "always-long": { kind: "always-long" },
    },
  },
};

export default phasePipeline(PHASE);
