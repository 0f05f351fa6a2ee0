/**
 * `finfusion/staleness` (the reference's phase 1, and its feature ablation, phase 12).
 * Hypothesis: telling the TFT how old the latest CPI and jobs releases are (days since,
 * is-fresh flags, from the release calendar point in time) improves weekly accuracy; and
 * the feature set matters less than the collapse (market-only, macro-heavy and core
 * dynamics score alike). One feature set per run: `--set fold.features=...` switches it.
 */
import { FEATURE_NAMES } from "../../data/frame.ts";
import { STALENESS_FEATURES } from "../../data/features/staleness.ts";
import { STUDY_FEATURES } from "../studies/market_data.ts";
import { BASE_TFT, phasePipeline, type PhaseSpec } from "../studies/finfusion_phase.ts";

export const PHASE: PhaseSpec = {
  claim: "beats-always-long",
  description:
    "Hypothesis: CPI / jobs release staleness features improve the weekly TFT over the " +
    "studies' features and always-long (9 weekly rolling folds; presets via --set)",
  options: {
    id: "staleness",
    title: "Release staleness features: does knowing how old the macro data is help?",
    computed: [...FEATURE_NAMES, ...STALENESS_FEATURES],
    features: [...STUDY_FEATURES, ...STALENESS_FEATURES],
    models: {
      "tft": BASE_TFT,
      "always-long": { kind: "always-long" },
    },
  },
};

export default phasePipeline(PHASE);
