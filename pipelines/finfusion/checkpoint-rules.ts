/**
 * `finfusion/checkpoint-rules` (the reference's checkpoint monitors). Hypothesis: keeping
 * the epoch with the best validation accuracy × up-share calibration (the composite), the
 * widest forecasts or the best validation accuracy, instead of the lowest validation loss,
 * gives a TFT that calls downs too and beats always-long on the test years. No TFT fit of
 * its own: the shared plain-TFT control (pipelines/studies/finfusion_control.ts) keeps every
 * rule's best epoch (`training.keepCheckpoints`) and this phase's predict node re-selects
 * by rule without retraining, each rule's weights bit-for-bit those of a fit with that rule
 * (see models/tft/README.md).
 */
import { BASE_TFT, phasePipeline, type PhaseSpec } from "../studies/finfusion_phase.ts";
import { CHECKPOINT_SELECTIONS } from "../../models/tf/trainer_config.ts";

export const PHASE: PhaseSpec = {
  claim: "beats-always-long",
  control: "tft",
  description: "Hypothesis: composite (accuracy × up-share calibration), diversity or accuracy " +
    "checkpoints beat validation-loss checkpoints and always-long (9 weekly rolling folds)",
  options: {
    id: "checkpoint-rules",
    title: "Checkpoint rules: which epoch to keep?",
    models: {
      // The shared control, predicted as "tft" (validation loss), "tft-diversity",
      // "tft-val-da" and "tft-composite".
      "tft": BASE_TFT,
      "always-long": { kind: "always-long" },
    },
    reselect: { rules: [...CHECKPOINT_SELECTIONS] },
  },
};

export default phasePipeline(PHASE);
