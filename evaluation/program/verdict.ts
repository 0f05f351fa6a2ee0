/**
 * The one-line verdict on a phase's hypothesis, computed from its numbers (never written by
 * hand). A phase claims either that an intervention beats always-long or (the ablation)
 * that none does. A variant "wins" when its seed-pooled excess over always-long has an
 * interval above zero and its Diebold–Mariano p-value, Holm-adjusted for the variants the
 * phase tried, is below α; the phase shows a win when some variant wins and the
 * data-snooping test of "the best of N beats always-long" (Hansen's SPA) is below α too.
 *
 * - "beats always-long": supported with a win; refuted when every variant's interval lies
 *   below zero (each significantly worse); otherwise not distinguishable.
 * - "no better than always-long": refuted with a win; supported when no variant's interval
 *   lies above zero; otherwise not distinguishable.
 */
import type { BootstrapInterval } from "../stats/bootstrap.ts";

export type Claim = "beats-always-long" | "no-better-than-always-long";
export type Verdict = "supported" | "refuted" | "not distinguishable";

export interface VerdictVariant {
  label: string;
  excess: number;
  excessCi: Pick<BootstrapInterval, "low" | "high"> | null;
  /** Diebold–Mariano p-value, Holm-adjusted within the phase. */
  dmHolm: number | null;
}

export interface VerdictInput {
  claim: Claim;
  alpha: number;
  variants: VerdictVariant[];
  /** The phase's data-snooping p-value (SPA), null when it could not be computed. */
  snoopingP: number | null;
}

export interface VerdictResult {
  verdict: Verdict;
  /** The numbers the verdict rests on, in one line. */
  reason: string;
}

const signed = (x: number) => `${x >= 0 ? "+" : "−"}${Math.abs(x * 100).toFixed(1)}`;
const p = (x: number | null) => (x === null ? "n/a" : x < 0.001 ? "<0.001" : x.toFixed(3));

export function verdictOf(input: VerdictInput): VerdictResult {
  const { alpha, variants, snoopingP } = input;
  if (variants.length === 0) {
    throw new Error("program verdict: the phase evaluated no variant besides the benchmark");
  }
  const above = variants.filter((v) => v.excessCi !== null && v.excessCi.low > 0);
  const winners = above.filter((v) => v.dmHolm !== null && v.dmHolm < alpha);
  const win = winners.length > 0 && snoopingP !== null && snoopingP < alpha;
  const allBelow = variants.every((v) => v.excessCi !== null && v.excessCi.high < 0);
  const best = [...variants].sort((a, b) => b.excess - a.excess)[0];
  const ci = best.excessCi ? ` [${signed(best.excessCi.low)}, ${signed(best.excessCi.high)}]` : "";
  const reason =
    `best ${best.label} ${signed(best.excess)} pp${ci}, DM Holm p ${p(best.dmHolm)}; ` +
    `${above.length} of ${variants.length} with an interval above zero, ${winners.length} ` +
    `after Holm; best-of-${variants.length} SPA p ${p(snoopingP)}`;
  let verdict: Verdict;
  if (input.claim === "beats-always-long") {
    verdict = win ? "supported" : allBelow ? "refuted" : "not distinguishable";
  } else {
    verdict = win ? "refuted" : above.length === 0 ? "supported" : "not distinguishable";
  }
  return { verdict, reason };
}
