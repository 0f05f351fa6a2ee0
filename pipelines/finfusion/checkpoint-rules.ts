/**
 * `finfusion/checkpoint-rules` (the reference's checkpoint monitors). Hypothesis: keeping
 * the epoch with the best validation accuracy × up-share calibration (the composite), the
 * widest forecasts or the best validation accuracy, instead of the lowest validation loss,
 * gives a TFT that calls downs too and beats always-long on the test years. Each rule is a
 * fit of its own (the rule is part of the config; see models/tft/README.md).
 */
import { BASE_TFT, phasePipeline, type PhaseSpec } from "../studies/finfusion_phase.ts";

const rule = (checkpointSelection: string) => ({
  ...BASE_TFT,
  training: { checkpointSelection },
});

export const PHASE: PhaseSpec = {
  claim: "beats-always-long",
  control: "tft",
  description: "Hypothesis: composite (accuracy × up-share calibration), diversity or accuracy " +
    "checkpoints beat validation-loss checkpoints and always-long (9 weekly rolling folds)",
  options: {
    id: "checkpoint-rules",
    title: "Checkpoint rules: which epoch to keep?",
    models: {
      "tft": BASE_TFT,
      "tft-composite": rule("composite"),
      "tft-diversity": rule("diversity"),
      "tft-val-da": rule("val-da"),
      "always-long": { kind: "always-long" },
    },
  },
};

export default phasePipeline(PHASE);
