/**
 * The "program" section (`evaluate.program`, `evaluation/program/`): the verdict on each
 * phase's hypothesis beside the reference study's own reported result, then per phase every
 * variant pooled over its seeds beside always-long, with the spread across seeds and folds,
 * the up-call share, the collapse pattern and the PT and DM p-values as tested and adjusted
 * for the variants the phase tried. Empty (so left out) for other metrics.
 */
import { escapeHtml } from "../html/escape.ts";
import {
  formatP,
  formatPercent,
  formatPoints,
  formatPointsInterval,
  formatPValue,
  formatSpread,
} from "../format.ts";
import { htmlTable } from "../html/table.ts";
import { markdownTable } from "../markdown_tables.ts";
import { programOf } from "../../tasks/program.ts";
import type { ProgramPhase, ProgramSummary } from "../../evaluation/program/summary.ts";
import { REFERENCE_FILE } from "../../evaluation/program/reference.ts";
import type { ReportSection } from "./section.ts";

const VERDICT_HEADER = [
  "Phase",
  "Hypothesis",
  "Verdict",
  "On the numbers",
  "Runs",
  "Reference reported",
];

const VARIANT_HEADER = [
  "Variant",
  "Seeds × folds",
  "DA",
  "Always-long",
  "Excess",
  "Interval",
  "Over the control",
  "Std across seeds",
  "Std across folds",
  "Up calls",
  "Collapse pattern (seeds)",
  "PT p / Holm / BH",
  "DM p / Holm / BH",
  "DM Holm, program",
];

function verdictRows(summary: ProgramSummary): string[][] {
  return summary.phases.map((phase) => [
    phase.id,
    phase.hypothesis.replace(/^Hypothesis: /, ""),
    phase.verdict,
    phase.reason,
    String(phase.runs),
    phase.reference
      ? `${phase.reference.source}: ${phase.reference.reported} (line ${phase.reference.line})`
      : "no such phase",
  ]);
}

const patterns = (counts: Record<string, number>) =>
  Object.entries(counts).sort(([a], [b]) => a.localeCompare(b))
    .map(([pattern, n]) => `${pattern} ${n}`).join(", ");

const pTriple = (p: number | null, holm: number | null, bh: number | null) =>
  `${formatPValue(p)} / ${formatPValue(holm)} / ${formatPValue(bh)}`;

function variantRows(phase: ProgramPhase): string[][] {
  return phase.rows.map((r) => [
    `${r.slice ? `${r.label} (${r.slice})` : r.label}${r.control ? " (control)" : ""}`,
    `${r.replicates} × ${r.folds}`,
    formatPercent(r.da),
    formatPercent(r.baseRate),
    formatPoints(r.excess),
    formatPointsInterval(r.excessCi),
    r.overControl
      ? `${formatPoints(r.overControl.excess)} ${formatPointsInterval(r.overControl.ci)}`
      : "–",
    formatSpread(r.seedStd),
    formatSpread(r.foldStd),
    formatPercent(r.upShare),
    patterns(r.patterns),
    pTriple(r.ptP, r.ptHolm, r.ptBh),
    pTriple(r.dmP, r.dmHolm, r.dmBh),
    formatPValue(r.dmHolmProgram),
  ]);
}

function snoopingLine(phase: ProgramPhase): string {
  if (phase.snooping.length === 0) return "Best of N: not computable (no rows).";
  const parts = phase.snooping.map((s) =>
    `${s.slice ? `${s.slice}: ` : ""}best of ${s.tried} ${s.best}, Reality Check p ` +
    `${formatP(s.realityCheckP)}, SPA p ${formatP(s.spaP)}`
  );
  const combined = phase.snooping.length > 1
    ? `; smallest SPA p × ${phase.snooping.length} slices ${formatP(phase.snoopingP)}`
    : "";
  return `Does the best of the variants beat always-long? ${parts.join("; ")}${combined}.`;
}

function note(summary: ProgramSummary): string {
  const level = Math.round(summary.ciLevel * 100);
  return `Each variant fitted under several seeds on every fold; DA pools every seed's ` +
    `step-1 calls, always-long is scored on the same rows; interval: ${level}% block ` +
    "bootstrap within folds. PT (one-sided) on the seed-averaged forecast's sign; DM " +
    "(two-sided) on the 0/1 direction loss against always-long; each adjusted over the " +
    "variants of its phase (Holm: family-wise error; BH: false discovery rate), and DM " +
    "Holm-adjusted over every variant of the program. Over the control: DA minus the plain " +
    "TFT's on the same rows, with its paired interval. Verdict " +
    `(α = ${summary.alpha}): a variant wins with an interval above zero and a Holm-adjusted ` +
    "DM p below α (the phase's control, the plain TFT, is shown and tested but not judged), and the phase only when the best-of-N SPA p is below α too; refuted " +
    "when every interval lies below zero (for the ablation's 'no better' claim: refuted by " +
    "a win, supported when no interval lies above zero). Runs: variants × folds × seeds " +
    "evaluated; a control several phases share counts in each, and a checkpoint rule " +
    `re-selected from kept epochs counts without training. Reference quotes: ${REFERENCE_FILE}.`;
}

function lede(summary: ProgramSummary): string {
  const count = (v: string) => summary.phases.filter((p) => p.verdict === v).length;
  const n = summary.phases.length;
  return `${n} ${n === 1 ? "hypothesis" : "hypotheses"}, ${summary.runs} runs: ` +
    `${count("supported")} ` +
    `supported, ${count("refuted")} refuted, ${count("not distinguishable")} not ` +
    "distinguishable from always-long.";
}

const SCOPE_TITLE = "Scope: what was cut from the reference's design, and why";

export const programSection: ReportSection = {
  id: "program",
  title: "Program",
  html: ({ metrics }) => {
    const summary = programOf(metrics);
    if (!summary) return [];
    return [
      `<p class="lede"><strong>${escapeHtml(lede(summary))}</strong></p>`,
      htmlTable({ header: VERDICT_HEADER, rows: verdictRows(summary), numericFrom: 4 }),
      ...(summary.scope.length > 0
        ? [
          `<h3>${escapeHtml(SCOPE_TITLE)}</h3>`,
          `<ul>${summary.scope.map((line) => `<li>${escapeHtml(line)}</li>`).join("")}</ul>`,
        ]
        : []),
      ...summary.phases.flatMap((phase) => [
        `<h3>${escapeHtml(phase.id)}: ${escapeHtml(phase.title)}</h3>`,
        `<p>${escapeHtml(snoopingLine(phase))}</p>`,
        htmlTable({ header: VARIANT_HEADER, rows: variantRows(phase), numericFrom: 1 }),
      ]),
      `<p class="table-note">${escapeHtml(note(summary))}</p>`,
    ];
  },
  markdown: ({ metrics }) => {
    const summary = programOf(metrics);
    if (!summary) return [];
    return [
      "## Program",
      `**${lede(summary)}**`,
      markdownTable(VERDICT_HEADER, verdictRows(summary)),
      ...(summary.scope.length > 0
        ? [`### ${SCOPE_TITLE}`, summary.scope.map((line) => `- ${line}`).join("\n")]
        : []),
      ...summary.phases.flatMap((phase) => [
        `### ${phase.id}: ${phase.title}`,
        snoopingLine(phase),
        markdownTable(VARIANT_HEADER, variantRows(phase)),
      ]),
      note(summary),
    ];
  },
};
