/**
 * The "claims" section (claims audit): an overview of every audited claim, then per claim the
 * published number, our run as published with each leak or departure flagged in red, our
 * leak-free run, its variants and the baseline on the same rows, each with its interval, and
 * the one-sentence verdict. Empty (so left out) for an evaluation without claims.
 */
import type {} from "../../evaluation/claims/claims_evaluation.ts";
import { escapeHtml } from "../html/escape.ts";
import { type Cell, htmlTable } from "../html/table.ts";
import { markdownTable } from "../markdown_tables.ts";
import {
  CLAIM_HEADER,
  claimHeading,
  type ClaimRow,
  claimRows,
  claimScope,
  OVERVIEW_HEADER,
  overviewRow,
} from "../claims_rows.ts";
import type { ReportSection } from "./section.ts";

const NOTE = "Intervals are 95% intervals on the rows shown (each claim's metric says how). " +
  "A run flagged in red " +
  "carries the leaks and departures listed beside it; the leak-free run and the baseline are " +
  "scored on the same rows.";

function htmlCells(r: ClaimRow): Cell[] {
  const departures = r.departures ?? [];
  const flag = departures.length > 0 ? "bad" as const : undefined;
  return [
    { text: r.run, flag },
    r.departures === null
      ? "–"
      : departures.length
      ? { text: departures.join("; "), flag: "bad" }
      : "none",
    { text: r.value, flag },
    r.interval,
    r.rows,
    r.p,
  ];
}

function markdownCells(r: ClaimRow): string[] {
  const departures = r.departures ?? [];
  const leaky = departures.length > 0;
  return [
    leaky ? `**${r.run}** ⚠` : r.run,
    r.departures === null ? "–" : leaky ? `⚠ ${departures.join("; ")}` : "none",
    r.value,
    r.interval,
    r.rows,
    r.p,
  ];
}

export const claimsSection: ReportSection = {
  id: "claims",
  title: "Claims audit",
  html: ({ metrics }) => {
    const claims = metrics.claims ?? [];
    if (claims.length === 0) return [];
    return [
      `<p>${escapeHtml(NOTE)}</p>`,
      htmlTable({ header: OVERVIEW_HEADER, rows: claims.map(overviewRow), numericFrom: 99 }),
      ...claims.flatMap((c) => [
        `<h3>${escapeHtml(claimHeading(c))}</h3>`,
        `<p class="lede"><strong>${escapeHtml(c.verdict)}</strong></p>`,
        `<p>${escapeHtml(claimScope(c))}</p>`,
        htmlTable({ header: CLAIM_HEADER, rows: claimRows(c).map(htmlCells), numericFrom: 2 }),
        c.details ? htmlTable({ ...c.details, numericFrom: 1, caption: c.details.caption }) : null,
      ]),
    ];
  },
  markdown: ({ metrics }) => {
    const claims = metrics.claims ?? [];
    if (claims.length === 0) return [];
    return [
      "## Claims audit",
      NOTE,
      markdownTable(OVERVIEW_HEADER, claims.map(overviewRow)),
      ...claims.flatMap((c) => [
        `### ${claimHeading(c)}`,
        `**${c.verdict}**`,
        claimScope(c),
        markdownTable(CLAIM_HEADER, claimRows(c).map(markdownCells)),
        ...(c.details ? [c.details.caption, markdownTable(c.details.header, c.details.rows)] : []),
      ]),
    ];
  },
};
