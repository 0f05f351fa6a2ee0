/**
 * `finfusion/baseline-sweep` (the reference's phases 00, 02b, 06a and 06b: its size and
 * dropout searches, the weekly configuration sweep and the rolling baseline). Hypothesis: a
 * smaller (hidden 8) or more regularised (dropout 0.25) weekly TFT escapes the collapse the
 * default (hidden 16, dropout 0.1) shows and beats always-long on the nine rolling folds;
 * the reference found only hidden 14–16 stable and its rolling weekly baseline below the
 * base rate. The encoder length (12 weeks) is the folds' and so the same for every variant.
 */
import { BASE_TFT, phasePipeline, type PhaseSpec } from "../studies/finfusion_phase.ts";

export const PHASE: PhaseSpec = {
  claim: "beats-always-long",
  control: "tft",
  description: "Hypothesis: a smaller (hidden 8) or more regularised (dropout 0.25) weekly TFT " +
    "escapes the collapse and beats always-long (9 weekly rolling folds)",
  options: {
    id: "baseline-sweep",
    title: "Baseline size and dropout sweep: is the collapse a matter of capacity?",
    models: {
      "tft": BASE_TFT,
      "tft-h8": { ...BASE_TFT, hiddenSize: 8 },
      "tft-d25": { ...BASE_TFT, dropout: 0.25 },
      "tft-h8-d25": { ...BASE_TFT, hiddenSize: 8, dropout: 0.25 },
      "always-long": { kind: "always-long" },
    },
  },
};

export default phasePipeline(PHASE);
