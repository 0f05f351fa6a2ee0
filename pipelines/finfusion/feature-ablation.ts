/**
 * `finfusion/feature-ablation` (the reference's phase 12). Hypothesis: the feature set
 * matters little next to the collapse: market-only, macro-heavy (with the release
 * staleness features) and core-dynamics inputs give the TFT the same accuracy, none
 * distinguishable from always-long. One evaluation per feature set.
 */
import { FEATURE_NAMES } from "../../data/frame.ts";
import { FEATURE_PRESETS } from "../../data/features/presets.ts";
import { STALENESS_FEATURES } from "../../data/features/staleness.ts";
import { BASE_TFT, phasePipeline, type PhaseSpec } from "../studies/finfusion_phase.ts";

export const PHASE: PhaseSpec = {
  claim: "no-better-than-always-long",
  description:
    "Hypothesis: market-only, macro-heavy and core-dynamics feature sets give the TFT the " +
    "same accuracy, none beating always-long (9 weekly rolling folds per set)",
  options: {
    id: "feature-ablation",
    title: "Feature ablation: market-only, macro-heavy, core dynamics",
    computed: [...FEATURE_NAMES, ...STALENESS_FEATURES],
    features: FEATURE_PRESETS,
    models: { "tft": BASE_TFT, "always-long": { kind: "always-long" } },
  },
};

export default phasePipeline(PHASE);
