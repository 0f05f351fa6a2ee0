/**
 * `finfusion/anti-collapse` (the reference's phase 4, with penalties that act in training).
 * Hypothesis: a floor on the batch spread of the forecasts and a differentiable
 * directional-balance penalty keep the weekly TFT from collapsing onto "always up", and so
 * lift its accuracy over always-long on the nine rolling folds. The reference's directional
 * penalty ran only outside training (no gradient): here both penalties are in the loss.
 */
import { pipeline } from "../../engine/mod.ts";
import { BASE_TFT, finfusionPhase } from "../studies/finfusion_phase.ts";

export default pipeline({
  name: "finfusion/anti-collapse",
  seed: 1,
  description:
    "Hypothesis: spread-floor and directional-balance penalties in training stop the TFT's " +
    "collapse onto always-up and lift accuracy over always-long (9 weekly rolling folds)",
}, (p) =>
  finfusionPhase(p, {
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
  }));
