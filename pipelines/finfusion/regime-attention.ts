/**
 * `finfusion/regime-attention` (the reference's phase 7, without its look-ahead).
 * Hypothesis: gating the TFT's attention heads by the volatility regime known at the
 * forecast origin (VIX ≥ 25; a yield-curve regime as the alternative) improves weekly
 * accuracy over the plain TFT and always-long. The reference read the VIX on the day of
 * the return it predicted; here the regime comes from the origin bar only.
 */
import { BASE_TFT, phasePipeline, type PhaseSpec } from "../studies/finfusion_phase.ts";

export const PHASE: PhaseSpec = {
  claim: "beats-always-long",
  control: "tft",
  description:
    "Hypothesis: attention heads gated by the origin's VIX regime (or yield-curve regime) " +
    "beat the plain TFT and always-long (9 weekly rolling folds, no look-ahead)",
  options: {
    id: "regime-attention",
    title: "Regime-aware attention (regime known at the origin): does it help the TFT?",
    models: {
      "tft": BASE_TFT,
      "tft-vix-gates": { ...BASE_TFT, regimeAttention: { feature: "vix", thresholds: [25] } },
      "tft-curve-gates": {
        ...BASE_TFT,
        regimeAttention: { feature: "spread_2s10s", thresholds: [0] },
      },
      "always-long": { kind: "always-long" },
    },
  },
};

export default phasePipeline(PHASE);
