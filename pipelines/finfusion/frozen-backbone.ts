/**
 * `finfusion/frozen-backbone` (the reference's frozen-backbone phase, as a DAG edge).
 * Hypothesis: retraining only the output layer of a trained TFT, or replacing it by
 * regime-routed or learned experts on the frozen backbone, breaks the collapse of its
 * output without the backbone's features changing. Stage 1 trains the plain TFT on each
 * fold; stage 2 reads its stored model (`upstream`) on the same fold and trains the head
 * only (`fineTune: "head"`), or every weight (`"all"`) as the unfrozen comparison.
 */
import { BASE_TFT, phasePipeline, type PhaseSpec } from "../studies/finfusion_phase.ts";

export const PHASE: PhaseSpec = {
  claim: "beats-always-long",
  description: "Hypothesis: a new head (output layer or regime experts) on a frozen trained TFT " +
    "backbone breaks the output collapse and beats always-long (9 weekly rolling folds)",
  options: {
    id: "frozen-backbone",
    title: "Frozen-backbone fine-tuning: a new head on a trained TFT",
    stage1: BASE_TFT,
    models: {
      "head": { ...BASE_TFT, fineTune: "head" },
      "head-vix-experts": {
        ...BASE_TFT,
        fineTune: "head",
        regimeOutput: { routing: "regime", feature: "vix", thresholds: [20] },
      },
      "head-learned-experts": {
        ...BASE_TFT,
        fineTune: "head",
        regimeOutput: { routing: "learned", experts: 2, balanceWeight: 1 },
      },
      "all": { ...BASE_TFT, fineTune: "all" },
    },
  },
};

export default phasePipeline(PHASE);
