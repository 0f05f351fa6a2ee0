/**
 * `finfusion/anti-collapse` (the reference's phase 4, with penalties that act in training).
 * Hypothesis: a floor on the batch spread of the forecasts and a differentiable
 * directional-balance penalty keep the weekly TFT from collapsing onto "always up", and so
 * lift its accuracy over always-long on the nine rolling folds. The reference's directional
 * penalty ran only outside training (no gradient): here both penalties are in the loss.
 */
import { BASE_TFT, phasePipeline, type PhaseSpec } from "../studies/finfusion_phase.ts";

export const PHASE: PhaseSpec = {
  claim: "beats-always-long",
  control: "tft",
  description:
    "Hypothesis: spread-floor and directional-balance penalties in training stop the TFT's " +
    "collapse onto always-up and lift accuracy over always-long (9 weekly rolling folds)",
  options: {
    id: "anti-collapse",
    title: "Anti-collapse penalties in training: does the TFT stop calling every week up?",
    models: {
      "tft": BASE_TFT,
      "tft-spread-floor": { ...BASE_TFT, antiCollapse: { stdWeight: 1, stdFloor: 0.5 } },
      "tft-balance": { ...BASE_TFT, antiCollapse: { balanceWeight: 1, balanceSharpness: 10 } },
      "tft-both": {
        ...BASE_TFT,
        antiCollapse: { stdWeight: 1, stdFloor: 0.5, balanceWeight: 1, balanceSharpness: 10 },
      },
      "always-long": { kind: "always-long" },
    },
  },
};

export default phasePipeline(PHASE);
