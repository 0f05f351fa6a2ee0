/**
 * `finfusion/auxiliary-heads` (the reference's auxiliary-head phase, with labels on the raw
 * scale). Hypothesis: a classification head trained beside the forecast (direction up/down,
 * or down/flat/up with a ±1% dead band; or the volatility regime of the target week, the
 * raw VIX above 25, or below 15 / 15–25 / above 25) shapes the shared representation toward
 * the sign of the return and lifts directional accuracy over the plain TFT and always-long.
 * The volatility labels read the raw VIX at the target step, which the folds keep as a label
 * series (not an input); the reference compared standardised VIX with raw thresholds.
 */
import { BASE_TFT, phasePipeline, type PhaseSpec } from "../studies/finfusion_phase.ts";

export const PHASE: PhaseSpec = {
  claim: "beats-always-long",
  control: "tft",
  description:
    "Hypothesis: an auxiliary direction head (2 or 3 classes) or volatility-regime head (raw " +
    "VIX at the target week, 2 or 3 classes) lifts the TFT's directional accuracy over the " +
    "plain TFT and always-long (9 weekly rolling folds)",
  options: {
    id: "auxiliary-heads",
    title: "Auxiliary classification heads: does a direction or volatility loss teach the sign?",
    models: {
      "tft": BASE_TFT,
      "tft-aux-direction": { ...BASE_TFT, auxiliaryHead: { target: "direction", weight: 1 } },
      "tft-aux-direction-3": {
        ...BASE_TFT,
        auxiliaryHead: { target: "direction-3", deadBand: 0.01, weight: 1 },
      },
      "tft-aux-vol-regime": {
        ...BASE_TFT,
        auxiliaryHead: { target: "vol-regime", feature: "vix", thresholds: [25], weight: 1 },
      },
      "tft-aux-vol-regime-3": {
        ...BASE_TFT,
        auxiliaryHead: { target: "vol-regime", feature: "vix", thresholds: [15, 25], weight: 1 },
      },
      "always-long": { kind: "always-long" },
    },
    labelSeries: ["vix"],
  },
};

export default phasePipeline(PHASE);
