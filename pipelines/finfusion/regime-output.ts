/**
 * `finfusion/regime-output` (the reference's phase 5a). Hypothesis: an output layer of
 * per-regime experts, routed by a learned softmax (with a load-balancing term) or by the VIX
 * at the origin, lets the TFT call different directions in calm and stressed markets and
 * beats the single output layer and always-long. The reference's experts all collapsed to
 * static per-regime biases ("expert collapse").
 */
import { BASE_TFT, phasePipeline, type PhaseSpec } from "../studies/finfusion_phase.ts";

export const PHASE: PhaseSpec = {
  claim: "beats-always-long",
  control: "tft",
  description:
    "Hypothesis: a mixture of per-regime output experts (learned or VIX routing) beats the " +
    "single output layer and always-long (9 weekly rolling folds)",
  options: {
    id: "regime-output",
    title: "Regime-gated output (mixture of experts): do the experts escape the collapse?",
    models: {
      "tft": BASE_TFT,
      "tft-learned-experts": { ...BASE_TFT, regimeOutput: { routing: "learned", experts: 2 } },
      "tft-learned-experts-unbalanced": {
        ...BASE_TFT,
        regimeOutput: { routing: "learned", experts: 2, balanceWeight: 0 },
      },
      "tft-vix-experts": {
        ...BASE_TFT,
        regimeOutput: { routing: "regime", feature: "vix", thresholds: [15, 20] },
      },
      "always-long": { kind: "always-long" },
    },
  },
};

export default phasePipeline(PHASE);
