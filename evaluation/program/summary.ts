/**
 * The program's summary (`evaluate.program`): per phase, every variant pooled over its seeds
 * beside always-long (`variants.ts`), its PT and DM p-values adjusted for the variants the
 * phase tried and the best-of-N data-snooping test (`family.ts`), the verdict on the phase's
 * hypothesis (`verdict.ts`) and the reference study's own reported result (`reference.ts`).
 */
import type { Gathered } from "../../engine/task.ts";
import type { EvaluationMetrics } from "../evaluation.ts";
import type { BootstrapInterval } from "../stats/bootstrap.ts";
import { phaseFamily, type SliceSnooping } from "./family.ts";
import { holm } from "../stats/multiple_testing.ts";
import { type OverControl, overControl } from "./control.ts";
import { referenceFor, type ReferencePhase } from "./reference.ts";
import { slicesOf, sliceStats } from "./variants.ts";
import { type Claim, type Verdict, verdictOf } from "./verdict.ts";

export interface ProgramPhaseInput {
  id: string;
  title: string;
  /** The phase pipeline's description ("Hypothesis: …"). */
  hypothesis: string;
  claim: Claim;
  /** Label of the phase's plain model, shown and tested but not judged; null when none. */
  control: string | null;
  /** The phase's per-replicate evaluations (`<id>-metrics`, gathered over every axis). */
  gathered: Gathered<EvaluationMetrics>;
}

export interface ProgramRow {
  /** Horizon or feature set of the evaluation ("" for a phase of one evaluation). */
  slice: string;
  label: string;
  model: string;
  /** The phase's plain model (not judged by the verdict). */
  control: boolean;
  replicates: number;
  folds: number;
  /** Rows scored per replicate. */
  n: number;
  da: number;
  baseRate: number;
  excess: number;
  excessCi: BootstrapInterval | null;
  seedStd: number | null;
  foldStd: number | null;
  upShare: number;
  /** Each seed's collapse pattern, counted. */
  patterns: Record<string, number>;
  ptP: number | null;
  ptHolm: number | null;
  ptBh: number | null;
  dmP: number | null;
  dmHolm: number | null;
  dmBh: number | null;
  /** Accuracy minus the control's on the same rows, with its interval; null without one. */
  overControl: OverControl | null;
  /** DM p-value Holm-adjusted over every variant of every phase of the program. */
  dmHolmProgram: number | null;
}

export interface ProgramPhase {
  id: string;
  title: string;
  hypothesis: string;
  claim: Claim;
  control: string | null;
  rows: ProgramRow[];
  snooping: SliceSnooping[];
  snoopingP: number | null;
  verdict: Verdict;
  reason: string;
  reference: ReferencePhase | null;
  /**
   * Runs behind the rows: variants × folds × replicates, benchmark left out. A control that
   * several phases share counts in each, and a re-selected checkpoint counts though it
   * trains nothing, so this is the evaluated runs, not the distinct networks trained.
   */
  runs: number;
}

export interface ProgramSummary {
  alpha: number;
  ciLevel: number;
  phases: ProgramPhase[];
  /** Every phase's runs added up (see {@link ProgramPhase.runs}). */
  runs: number;
  /** What the program left out of the reference's design and why (`params.scope`). */
  scope: string[];
}

function phaseSummary(input: ProgramPhaseInput, alpha: number): ProgramPhase {
  if (!Array.isArray(input.gathered) || input.gathered.length === 0) {
    throw new Error(
      `evaluate.program: phase "${input.id}" has no gathered evaluations; pass ` +
        `\`{ "${input.id}": <its ${input.id}-metrics node>.gather() }\``,
    );
  }
  const slices = slicesOf(input.gathered).map(sliceStats);
  const labels = slices[0].variants.map((v) => v.label);
  if (input.control !== null && !labels.includes(input.control)) {
    throw new Error(
      `evaluate.program: phase "${input.id}" names control "${input.control}", but its ` +
        `evaluations have models ${labels.join(", ")}; fix the phase's control label`,
    );
  }
  const family = phaseFamily(input.id, slices);
  const control = input.control;
  const versus = new Map(
    slices.map((slice) => [slice.slice, control ? overControl(slice, control) : new Map()]),
  );
  const rows: ProgramRow[] = family.variants.map(({ slice, variant, ...adjusted }) => {
    const m = variant.pooled;
    return {
      slice,
      label: m.label,
      model: m.model,
      control: m.label === input.control,
      replicates: m.replicates,
      folds: m.excessByFold.length,
      n: m.n,
      da: m.da,
      baseRate: m.baseRate,
      excess: m.excess,
      excessCi: m.excessCi,
      seedStd: m.seedStd,
      foldStd: m.foldStd,
      upShare: variant.upShare,
      patterns: variant.patterns,
      ptP: variant.ptP,
      dmP: variant.dmP,
      ...adjusted,
      overControl: versus.get(slice)?.get(m.label) ?? null,
      dmHolmProgram: null,
    };
  });
  const { verdict, reason } = verdictOf({
    claim: input.claim,
    alpha,
    snoopingP: family.snoopingP,
    // The control alone (e.g. a --set that left out every intervention) is judged itself.
    variants: (rows.some((r) => !r.control) ? rows.filter((r) => !r.control) : rows).map((r) => ({
      label: r.slice ? `${r.label} (${r.slice})` : r.label,
      excess: r.excess,
      excessCi: r.excessCi,
      dmHolm: r.dmHolm,
    })),
  });
  return {
    id: input.id,
    title: input.title,
    hypothesis: input.hypothesis,
    claim: input.claim,
    control: input.control,
    rows,
    snooping: family.snooping,
    snoopingP: family.snoopingP,
    verdict,
    reason,
    reference: referenceFor(input.id),
    runs: rows.reduce((sum, r) => sum + r.replicates * r.folds, 0),
  };
}

export function programSummary(
  phases: ProgramPhaseInput[],
  alpha: number,
  scope: string[] = [],
): ProgramSummary {
  const summaries = phases.map((phase) => phaseSummary(phase, alpha));
  // The whole program as one family: every variant tried in any phase.
  const rows = summaries.flatMap((s) => s.rows);
  holm(rows.map((r) => r.dmP)).forEach((p, i) => (rows[i].dmHolmProgram = p));
  const first = slicesOf(phases[0].gathered)[0][0].value;
  return {
    alpha,
    ciLevel: first.settings.ciLevel,
    phases: summaries,
    runs: summaries.reduce((sum, s) => sum + s.runs, 0),
    scope,
  };
}
