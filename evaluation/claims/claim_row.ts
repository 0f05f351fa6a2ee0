/**
 * One row of the claims audit: a published claim beside our re-runs of its protocol as
 * published and leak-free, and a baseline on the same rows. Every claim pipeline under
 * `pipelines/claims/` ends in a node whose output is a {@link ClaimSummary}; the `claims/report`
 * pipeline gathers them into one table.
 *
 * Invariants (checked by {@link parseClaimSummary}):
 * - an estimate's interval, when given, contains its value;
 * - `asPublished` lists in `departures` every leak or departure it carries (empty for a
 *   leak-free run), so a report can flag them;
 * - the baseline is scored on the same rows as the leak-free estimate (`rows` equal).
 */
import { z } from "zod";

/** A point estimate with an optional interval and test, on a stated number of rows. */
export const ESTIMATE_SCHEMA = z.object({
  /** The metric's value (accuracy as a fraction, a Sharpe ratio, an MSE …). */
  value: z.number(),
  /** Lower / upper bound of its confidence interval (null when none applies). */
  low: z.number().nullable(),
  high: z.number().nullable(),
  /** Rows (days, weeks, trades) the estimate is computed on. */
  rows: z.number().int().min(0),
  /** p-value of the claim's test against the baseline (null when none applies). */
  pValue: z.number().min(0).max(1).nullable(),
  /** Leaks and departures from a fair protocol this run carries (empty when leak-free). */
  departures: z.array(z.string()),
}).strict();
export type Estimate = z.infer<typeof ESTIMATE_SCHEMA>;

export const CLAIM_SUMMARY_SCHEMA = z.object({
  kind: z.literal("claim-summary"),
  /** The claim's number in the issue (1–5) and a short title. */
  claim: z.number().int().min(1),
  title: z.string().min(1),
  /** Citation of the source that made the claim. */
  source: z.string().min(1),
  /** The metric every estimate in the row reports, in words ("direction accuracy"). */
  metric: z.string().min(1),
  /** The published number, as published (text: it may be a range or a table cell). */
  published: z.string().min(1),
  /** Our re-run of the protocol as published (null when the claim has no such run). */
  asPublished: ESTIMATE_SCHEMA.nullable(),
  /** Our leak-free re-run (null when the claim has no such run). */
  leakFree: ESTIMATE_SCHEMA.nullable(),
  /** The baseline (always-long, the naive forecast …) on the leak-free run's rows. */
  baseline: z.object({ name: z.string().min(1), estimate: ESTIMATE_SCHEMA }).strict(),
  /**
   * Further leak-free runs of the same protocol on the leak-free run's rows (another hedge-ratio
   * estimator, another model of the same table), each named; absent or empty when there are none.
   */
  variants: z.array(z.object({ name: z.string().min(1), estimate: ESTIMATE_SCHEMA }).strict())
    .optional(),
  /**
   * Further numbers of the claim's runs as a small table (per hedge ratio, per forecast: MSE,
   * trades …), rendered under the claim's rows; absent when there are none.
   */
  details: z.object({
    caption: z.string().min(1),
    header: z.array(z.string()).min(2),
    rows: z.array(z.array(z.string())),
  }).strict().optional(),
  /** One plain sentence: what survives. */
  verdict: z.string().min(1),
}).strict();
export type ClaimSummary = z.infer<typeof CLAIM_SUMMARY_SCHEMA>;

/** Validates a claim summary and its invariants; the error names the claim and what is wrong. */
export function parseClaimSummary(value: unknown): ClaimSummary {
  const parsed = CLAIM_SUMMARY_SCHEMA.safeParse(value);
  if (!parsed.success) {
    throw new Error(
      `claim summary is malformed: ${
        parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")
      }`,
    );
  }
  const s = parsed.data;
  const named = (label: string, e: Estimate | null) => {
    if (!e || e.low === null || e.high === null) return;
    if (!(e.low <= e.value && e.value <= e.high)) {
      throw new Error(
        `claim ${s.claim} (${s.title}): the ${label} interval [${e.low}, ${e.high}] ` +
          `does not contain its value ${e.value}`,
      );
    }
  };
  named("as-published", s.asPublished);
  named("leak-free", s.leakFree);
  named("baseline", s.baseline.estimate);
  const width = s.details?.header.length;
  if (s.details && s.details.rows.some((row) => row.length !== width)) {
    throw new Error(
      `claim ${s.claim} (${s.title}): every details row needs ${width} cells, as its header`,
    );
  }
  for (const v of s.variants ?? []) {
    named(`${v.name} variant`, v.estimate);
    if (v.estimate.departures.length > 0) {
      throw new Error(
        `claim ${s.claim} (${s.title}): variant "${v.name}" lists departures ` +
          `(${v.estimate.departures.join(", ")}); variants are leak-free runs`,
      );
    }
  }
  if (s.leakFree && s.leakFree.departures.length > 0) {
    throw new Error(
      `claim ${s.claim} (${s.title}): the leak-free run lists departures ` +
        `(${s.leakFree.departures.join(", ")}); move them to the as-published run`,
    );
  }
  if (s.leakFree && s.leakFree.rows !== s.baseline.estimate.rows) {
    throw new Error(
      `claim ${s.claim} (${s.title}): the baseline is scored on ${s.baseline.estimate.rows} ` +
        `rows but the leak-free run on ${s.leakFree.rows}; score both on the same rows`,
    );
  }
  return s;
}
