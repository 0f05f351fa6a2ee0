/**
 * The claims audit's table rows, shared by the HTML and Markdown renderers of the "claims"
 * section: per claim, the published number, our run as published (its departures flagged as
 * leaks), our leak-free run, any leak-free variants and the baseline on the same rows.
 */
import type { ClaimSummary, Estimate } from "../evaluation/claims/claim_row.ts";

export const CLAIM_HEADER = ["run", "leaks and departures", "value", "95% interval", "rows", "p"];

export interface ClaimRow {
  run: string;
  value: string;
  interval: string;
  rows: string;
  p: string;
  /** Null for the published number (not a run of ours). */
  departures: string[] | null;
}

/** Plain decimals, or scientific notation for small magnitudes (an MSE of 6.4e-5). */
export function claimNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const size = Math.abs(value);
  return size !== 0 && size < 0.01 ? value.toExponential(2) : value.toFixed(3);
}

function row(run: string, e: Estimate): ClaimRow {
  return {
    run,
    value: claimNumber(e.value),
    interval: e.low === null || e.high === null
      ? "–"
      : `[${claimNumber(e.low)}, ${claimNumber(e.high)}]`,
    rows: String(e.rows),
    p: e.pValue === null ? "–" : e.pValue.toFixed(3),
    departures: e.departures,
  };
}

export function claimRows(c: ClaimSummary): ClaimRow[] {
  const empty = { interval: "–", rows: "–", p: "–", departures: null };
  return [
    { run: "published", value: c.published, ...empty },
    c.asPublished ? row("ours, as published", c.asPublished) : null,
    c.leakFree ? row("ours, leak-free", c.leakFree) : null,
    ...(c.variants ?? []).map((v) => row(`ours, leak-free: ${v.name}`, v.estimate)),
    row(`baseline: ${c.baseline.name}`, c.baseline.estimate),
  ].filter((r): r is ClaimRow => r !== null);
}

export function claimHeading(c: ClaimSummary): string {
  return `Claim ${c.claim}: ${c.title}`;
}

export function claimScope(c: ClaimSummary): string {
  return `Source: ${c.source}. Metric: ${c.metric}.`;
}

/** The overview table: one line per claim (published, as published, leak-free, baseline). */
export const OVERVIEW_HEADER = [
  "claim",
  "published",
  "ours, as published",
  "ours, leak-free",
  "baseline, same rows",
  "verdict",
];

export function overviewRow(c: ClaimSummary): string[] {
  const cell = (e: Estimate | null) => {
    if (!e) return "–";
    const r = row("", e);
    return `${r.value} ${r.interval}${e.departures.length ? " ⚠ leaks" : ""}`;
  };
  return [
    `${c.claim}. ${c.title}`,
    c.published,
    cell(c.asPublished),
    cell(c.leakFree),
    `${cell(c.baseline.estimate)} (${c.baseline.name})`,
    c.verdict,
  ];
}
