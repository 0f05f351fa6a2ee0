/**
 * `finfusion/auxiliary-heads` (the reference's auxiliary-head phase, with labels on the raw
 * scale). Hypothesis: a classification head trained beside the forecast (direction up/down,
 * or down/flat/up with a ±1% dead band) shapes the shared representation toward the sign
 * of the return and lifts directional accuracy over the plain TFT and always-long.
 */
import { BASE_TFT, phasePipeline, type PhaseSpec } from "../studies/finfusion_phase.ts";

export const PHASE: PhaseSpec = {
  claim: "beats-always-long",
  control: "tft",
  description:
    "Hypothesis: an auxiliary direction head (2 or 3 classes) lifts the TFT's directional " +
    "accuracy over the plain TFT and always-long (9 weekly rolling folds)",
  options: {
    id: "auxiliary-heads",
    title: "Auxiliary classification heads: does a direction loss teach the sign?",
    models: {
      "tft": BASE_TFT,
      "tft-aux-direction": { ...BASE_TFT, auxiliaryHead: { target: "direction", weight: 1 } },
      "tft-aux-direction-3": {
        ...BASE_TFT,
        auxiliaryHead: { target: "direction-3", deadBand: 0.01, weight: 1 },
      },
      "always-long": { kind: "always-long" },
    },
  },
};

export default phasePipeline(PHASE);
