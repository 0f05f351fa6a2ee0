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
 * volatility-regime variants; 378 always-long fits beside them. Measured cold on the 2-core
 * workplace machine: 1 h 42 min with `--jobs 2` (README, "The experiment program"). `--set`
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

/**
 * What the program leaves out of the reference's design, and why (the report lists it).
 * The budget: about 2 hours cold on a 2-core machine, 3 seeds on 9 weekly folds per variant.
 */
export const PROGRAM_SCOPE: readonly string[] = [
  "Weekly bars only: no phase runs on daily bars. A daily TFT fit costs several times a " +
  "weekly one (`daily-tft`, the plain daily TFT on 9 folds, is its own study), so daily " +
  "copies of the phases at 3 seeds would not fit the 2-hour budget on 2 cores.",
  "Seeds: 3 per variant on every fold (the reference ran most phases on one seed); widen " +
  "with `--set '<phase>-fit.replicate=[0,1,2,3,4]'` (and `control-fit.replicate` alike).",
  "Size: hidden 8 / 16 × dropout 0.10 / 0.25 at the weekly defaults (encoder 12 weeks), " +
  "not the reference's 93-run size / dropout / learning-rate search and 24-run weekly sweep; " +
  "it found wider networks collapse and only hidden 14–16 stable.",
  "Vintage phases (02, 02b): not a phase of their own, since every phase reads macro data " +
  "from its release date.",
  "Losses: the two anti-collapse penalties the issue names (spread floor, directional " +
  "balance), both acting in training; the reference's distribution loss (03, not evaluable " +
  "there) and its variance, extreme-move and magnitude penalties are left out.",
  "Checkpoint rules: validation loss, prediction diversity, validation accuracy and the " +
  "composite; the reference's prediction-'Sharpe' and unique-prediction monitors are left out.",
  "Multi-horizon: h = 5, 10 and 30 weeks × 3 / 5 / 7 quantiles; the reference's 1–30 grid " +
  "and cumulative-return targets are left out.",
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
    scope: [...PROGRAM_SCOPE],
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
