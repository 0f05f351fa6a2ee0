/**
 * `finfusion/staleness-attention` (the reference's phase 11). Hypothesis: lowering the
 * attention on bars whose CPI or jobs data is stale points the TFT at fresh information and
 * improves its weekly accuracy over the plain TFT and always-long. The reference saw its
 * attention entropy fall and 97% one-directional forecasts.
 */
import { FEATURE_NAMES } from "../../data/frame.ts";
import { STALENESS_FEATURES } from "../../data/features/staleness.ts";
import { STUDY_FEATURES } from "../studies/market_data.ts";
import { BASE_TFT, phasePipeline, type PhaseSpec } from "../studies/finfusion_phase.ts";

export const PHASE: PhaseSpec = {
  claim: "beats-always-long",
  control: "tft",
  description:
    "Hypothesis: attention penalised by CPI / jobs data staleness beats the plain TFT and " +
    "always-long (9 weekly rolling folds)",
  options: {
    id: "staleness-attention",
    title: "Staleness-penalised attention",
    computed: [...FEATURE_NAMES, ...STALENESS_FEATURES],
    features: [...STUDY_FEATURES, ...STALENESS_FEATURES],
    models: {
      "tft": BASE_TFT,
      "tft-cpi-staleness": { ...BASE_TFT, stalenessAttention: { feature: "days_since_cpi" } },
      "tft-jobs-staleness": { ...BASE_TFT, stalenessAttention: { feature: "days_since_unrate" } },
      "always-long": { kind: "always-long" },
    },
  },
};

export default phasePipeline(PHASE);
