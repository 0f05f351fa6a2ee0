/**
 * The regime score's scoring rules: documented, versioned and validated. Each of three
 * indicators is mapped to points by bands, the points are summed and the sum is clipped to
 * −5 (bearish) … +5 (bullish).
 *
 * - `realFfr`: the real fed funds rate, FEDFUNDS − CPI year-on-year (percent). Easy policy
 *   (low or negative real rates) is bullish; the source calls it the dominant factor, so it
 *   carries up to ±3 points.
 * - `gdpSurprise`: real GDP growth (GDPC1, quarter on quarter, annualised, percent) minus
 *   its trailing trend (the mean of the previous `gdpTrendQuarters` quarters' growth).
 * - `curve`: the credit/margin impulse proxy. The mirror holds no margin debt or credit
 *   spreads, so we use the 2s10s Treasury slope (T10Y2Y, percent): banks fund short and lend
 *   long, so a steep curve widens lending margins and loosens credit, and an inverted one
 *   has preceded every credit contraction since the 1970s. Its level, not its change, is
 *   used: the change is dominated by day-to-day noise.
 *
 * Bands are ordered by `upTo` (inclusive upper bound); the last band has `upTo: null` and
 * takes everything above. The fair value (the reversion model's target) is the score of
 * each indicator's mean over the trailing `fairValueDays` calendar days (the source's
 * "5-period averages" of monthly data ≈ 150 days).
 */
import { z } from "zod";

const bandSchema = z.object({ upTo: z.number().nullable(), points: z.number() }).strict();

const bandsSchema = z.array(bandSchema).min(2).superRefine((bands, ctx) => {
  bands.forEach((band, i) => {
    const last = i === bands.length - 1;
    if (last !== (band.upTo === null)) {
      ctx.addIssue({
        code: "custom",
        path: [i, "upTo"],
        message: "only the last band may (and must) have upTo: null",
      });
    }
    const before = bands[i - 1]?.upTo;
    if (
      i > 0 && band.upTo !== null && before !== null && before !== undefined &&
      band.upTo <= before
    ) {
      ctx.addIssue({
        code: "custom",
        path: [i, "upTo"],
        message: `bands must be in increasing order of upTo (${band.upTo} after ${before})`,
      });
    }
  });
});

export const scoringRulesSchema = z.object({
  version: z.string().regex(/^[a-z0-9-]+\/\d+$/, 'a version like "finfusion-macro/1"'),
  realFfr: bandsSchema,
  gdpSurprise: bandsSchema,
  curve: bandsSchema,
  gdpTrendQuarters: z.number().int().min(2).max(40),
  fairValueDays: z.number().int().min(1).max(3650),
  clip: z.number().positive(),
}).strict();

export type ScoringRules = z.infer<typeof scoringRulesSchema>;
export type Band = z.infer<typeof bandSchema>;
export const INDICATORS = ["realFfr", "gdpSurprise", "curve"] as const;
export type Indicator = (typeof INDICATORS)[number];

export const RULES_V1: ScoringRules = {
  version: "finfusion-macro-regime/1",
  realFfr: [
    { upTo: -1, points: 3 },
    { upTo: 0, points: 2 },
    { upTo: 1, points: 1 },
    { upTo: 2, points: 0 },
    { upTo: 3, points: -1 },
    { upTo: 4, points: -2 },
    { upTo: null, points: -3 },
  ],
  gdpSurprise: [
    { upTo: -2, points: -2 },
    { upTo: -0.5, points: -1 },
    { upTo: 0.5, points: 0 },
    { upTo: 2, points: 1 },
    { upTo: null, points: 2 },
  ],
  curve: [
    { upTo: -0.25, points: -2 },
    { upTo: 0.5, points: -1 },
    { upTo: 1.5, points: 0 },
    { upTo: 2.5, points: 1 },
    { upTo: null, points: 2 },
  ],
  gdpTrendQuarters: 8,
  fairValueDays: 150,
  clip: 5,
};

/** Validated rules; `where` names the file or node in the error. */
export function parseScoringRules(input: unknown, where: string): ScoringRules {
  const parsed = scoringRulesSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new Error(
      `${where}: invalid macro-regime scoring rules — ${issues.join("; ")}. ` +
        `Start from RULES_V1 in models/macro_regime/rules.ts and change the version string.`,
    );
  }
  return parsed.data;
}

/** Points of `value` under `bands`; NaN stays NaN (the indicator is not known yet). */
export function pointsFor(bands: readonly Band[], value: number): number {
  if (Number.isNaN(value)) return NaN;
  for (const band of bands) if (band.upTo === null || value <= band.upTo) return band.points;
  return bands[bands.length - 1].points;
}

export type IndicatorValues = Record<Indicator, number>;

/** The clipped sum of the three indicators' points (NaN until all three are known). */
export function scoreOf(values: IndicatorValues, rules: ScoringRules): number {
  const sum = INDICATORS.reduce((s, k) => s + pointsFor(rules[k], values[k]), 0);
  return Number.isNaN(sum) ? NaN : Math.max(-rules.clip, Math.min(rules.clip, sum));
}
