/**
 * `finfusion/program` (issue 12): every phase of the experiment program in one DAG, and the
 * program report. Each phase is declared exactly as its own pipeline declares it (same node
 * ids, same parameters, same run seed), with the data nodes shared, so running a phase and
 * then the program recomputes only the program's own nodes, and adding a variant to a phase
 * recomputes that variant's fits and the evaluations and reports that read them.
 *
 * The program report reads each phase's per-replicate evaluations: per phase and variant
 * the seed-pooled excess over always-long with its interval, the spread across seeds beside
 * the spread across folds, the up-call share and collapse pattern, PT and DM p-values
 * adjusted for the variants the phase tried (Holm, Benjamini–Hochberg), a best-of-N
 * data-snooping test (Reality Check, SPA), the verdict on each hypothesis and the reference
 * study's own reported number.
 *
 * Size: 11 phases, 981 TFT fits (variants × 9 folds × 3 seeds, and the frozen backbone's
 * 9 stage-1 fits): the six phases on the standard weekly folds share one plain-TFT control
 * (`control-fit`, pipelines/studies/finfusion_control.ts), from which the checkpoint phase
 * re-selects its four rules at the predict node; the auxiliary-heads phase has two
 * volatility-regime variants. About 2 hours cold on an idle 2-core machine by our
 * extrapolation for the 1,143 fits the program had before those changes (README). `--set`
 * narrows or widens each phase by its node ids: `<phase>-fold.testYear=[2024]` (for the
 * sharing phases, `weekly-fold.testYear=[2024]`), `<phase>-fit.replicate=[0,1]` (with
 * `control-fit.replicate=[0,1]` alike: the loader names a mismatch),
 * `<phase>-fit.model.<label>.training.epochs=1` (and `control-fit.model.tft.training.epochs=1`),
 * or `<phase>-fit.replicate=[0,1,2,3,4]` for more seeds.
 */
import { pipeline, type PipelineBuilder } from "../../engine/mod.ts";
import { evaluateProgram } from "../../tasks/program.ts";
import { renderReport } from "../../tasks/report.ts";
import {
  finfusionPhase,
  PHASE_SEED,
  type PhaseSpec,
  sharedData,
} from "../studies/finfusion_phase.ts";
import { PHASE as baselineSweep } from "./baseline-sweep.ts";
import { PHASE as staleness } from "./staleness.ts";
import { PHASE as antiCollapse } from "./anti-collapse.ts";
import { PHASE as regimeOutput } from "./regime-output.ts";
import { PHASE as regimeAttention } from "./regime-attention.ts";
import { PHASE as auxiliaryHeads } from "./auxiliary-heads.ts";
import { PHASE as frozenBackbone } from "./frozen-backbone.ts";
import { PHASE as checkpointRules } from "./checkpoint-rules.ts";
import { PHASE as multiHorizon } from "./multi-horizon.ts";
import { PHASE as stalenessAttention } from "./staleness-attention.ts";
import { PHASE as featureAblation } from "./feature-ablation.ts";

/** The phases, in the reference study's order. */
export const PROGRAM_PHASES: readonly PhaseSpec[] = [
  baselineSweep,
  staleness,
  antiCollapse,
  regimeOutput,
  regimeAttention,
  auxiliaryHeads,
  frozenBackbone,
  checkpointRules,
  multiHorizon,
  stalenessAttention,
  featureAblation,
];

/** Declares every phase (data nodes shared) and the program's evaluation and report. */
export function declareProgram(p: PipelineBuilder, phases: readonly PhaseSpec[]): void {
  const shared = sharedData();
  const inputs = Object.fromEntries(phases.map((phase) => [
    phase.options.id,
    finfusionPhase(p, phase.options, shared, phase.control).perReplicate.gather(),
  ]));
  const metrics = p.evaluate("program", evaluateProgram, {
    phases: phases.map((phase) => ({
      id: phase.options.id,
      title: phase.options.title,
      hypothesis: phase.description,
      claim: phase.claim,
      control: phase.control ?? null,
    })),
  }, inputs);
  p.report("program-report", renderReport, {
    title: "The finfusion program: every TFT intervention against always-long",
    sections: ["program"],
  }, { metrics });
}

export const PROGRAM_DESCRIPTION = "Every finfusion phase (TFT interventions against the " +
  "collapse; 9 weekly rolling folds, 3 seeds each) and one report: excess over always-long, " +
  "seeds vs folds, PT/DM adjusted for the variants tried, best-of-N SPA, a verdict per " +
  "hypothesis";

export default pipeline({
  name: "finfusion/program",
  seed: PHASE_SEED,
  description: PROGRAM_DESCRIPTION,
}, (p) => declareProgram(p, PROGRAM_PHASES));
