/**
 * Node tasks of the macro-regime study (pipelines/macro-regime/): the daily regime score
 * (feature), the expanding walk-forward at one horizon (train), and the study's metrics for
 * every timing and horizon (evaluate), which the report's `macro-regime` section renders.
 */
import { z } from "zod";
import { defineTask, type Gathered } from "../engine/task.ts";
import { parseIsoDay } from "../data/dates.ts";
import type { MacroSeries, PriceSeries } from "../data/snapshot.ts";
import { type DailyScore, dailyScore } from "../models/macro_regime/daily_score.ts";
import {
  indicatorAnchors,
  type RawSeries,
  SCORE_SERIES,
  type ScoreSeriesId,
} from "../models/macro_regime/indicators.ts";
import { RULES_V1, scoringRulesSchema } from "../models/macro_regime/rules.ts";
import {
  memberForecasts,
  type MemberRow,
  WALK_FORWARD_DEFAULTS,
} from "../models/macro_regime/walk_forward.ts";
import type { CalibrationOutput, EnsembleOutput } from "./macro_ensemble.ts";
import { MARKET_DEFAULTS } from "../evaluation/macro_regime/market.ts";
import { macroRegimeEvaluation } from "../evaluation/macro_regime/evaluation.ts";
import type { EvaluationMetrics } from "../evaluation/evaluation.ts";

const isoDate = z.string().refine((t) => parseIsoDay(t) !== null, "expected YYYY-MM-DD");

export const scoreParams = z.object({
  /** "point-in-time": each input from its release date; "as-published": the source's way. */
  timing: z.enum(["point-in-time", "as-published"]),
  rules: scoringRulesSchema.default(RULES_V1),
  start: isoDate.default("1990-01-01"),
  end: isoDate.default("2024-12-31"),
}).strict();

export const regimeScore = defineTask({
  name: "feature.macro-regime-score",
  kind: "feature",
  module: import.meta.url,
  params: scoreParams,
  inputs: { macro: "required" },
  run: ({ macro }: { macro: MacroSeries }, params, ctx): DailyScore => {
    const byId = new Map(macro?.series?.map((s) => [s.id, s]) ?? []);
    const missing = SCORE_SERIES.filter((id) => !byId.has(id));
    if (missing.length) {
      throw new Error(
        `${ctx.nodeId}: input "macro" lacks FRED series ${missing.join(", ")}; list them in ` +
          `the fetch node's "series" parameter`,
      );
    }
    const raw = {} as Record<ScoreSeriesId, RawSeries>;
    for (const id of SCORE_SERIES) {
      const s = byId.get(id)!;
      raw[id] = { dates: s.dates, values: s.values, released: s.released ?? null };
    }
    const anchors = indicatorAnchors(raw, params.rules.gdpTrendQuarters);
    const score = dailyScore(anchors, { ...params, timing: params.timing });
    ctx.metric(`${params.timing}.interpolated_share`, score.interpolated);
    return score;
  },
});

export const walkForwardParams = z.object({
  horizon: z.number().int().min(1).max(365),
  /** Days between origins; null = the horizon (the source's 7/14/30, non-overlapping). */
  step: z.number().int().min(1).nullable().default(null),
  start: isoDate.default("1998-01-01"),
  end: isoDate.default("2024-12-31"),
  minHistory: z.number().int().min(30).default(WALK_FORWARD_DEFAULTS.minHistory),
}).strict();

/** The member models' forecasts at every origin of one timing and horizon. */
export interface WalkForwardOutput {
  timing: string;
  horizon: number;
  rows: MemberRow[];
}

export const macroWalkForward = defineTask({
  name: "train.macro-regime-walk-forward",
  kind: "train",
  module: import.meta.url,
  params: walkForwardParams,
  inputs: { score: "required" },
  run: ({ score }: { score: DailyScore }, params, ctx): WalkForwardOutput => {
    if (!score?.score || !score.days) {
      throw new Error(
        `${ctx.nodeId}: input "score" is not a regime score; connect it to the score node`,
      );
    }
    const rows = memberForecasts(score, { ...params, step: params.step ?? params.horizon });
    ctx.progress({ message: `${rows.length} ${score.timing} origins at h=${params.horizon}` });
    return { timing: score.timing, horizon: params.horizon, rows };
  },
});

export const studyParams = z.object({
  /** A score change under this many points counts as "flat" for direction accuracy. */
  flatBand: z.number().min(0).default(0.5),
  recentDays: z.number().int().min(30).default(730),
  ensembleWeight: z.number().min(0).max(1).default(WALK_FORWARD_DEFAULTS.ensembleWeight),
  marketReps: z.number().int().min(100).max(100_000).default(MARKET_DEFAULTS.reps),
  blockLength: z.number().int().min(1).default(MARKET_DEFAULTS.blockLength),
}).strict();

export const macroRegimeStudy = defineTask({
  name: "evaluate.macro-regime-study",
  kind: "evaluate",
  module: import.meta.url,
  seeded: true,
  params: studyParams,
  inputs: { scores: "required", forecasts: "required", calibrations: "required", spx: "required" },
  run: (
    { scores, forecasts, calibrations, spx }: {
      scores: Gathered<DailyScore>;
      forecasts: Gathered<EnsembleOutput>;
      calibrations: Gathered<CalibrationOutput>;
      spx: PriceSeries;
    },
    params,
    ctx,
  ): EvaluationMetrics => {
    if (![scores, forecasts, calibrations].every(Array.isArray)) {
      throw new Error(
        `${ctx.nodeId}: inputs "scores", "forecasts" and "calibrations" must be gathered: ` +
          "`{ scores: score.gather(), forecasts: ensemble.gather(), " +
          "calibrations: calibration.gather(), spx }`",
      );
    }
    const evaluation = macroRegimeEvaluation(
      scores.map((s) => s.value),
      forecasts.map((f) => f.value),
      calibrations.map((c) => c.value),
      spx,
      {
        flatBand: params.flatBand,
        recentDays: params.recentDays,
        ensembleWeight: params.ensembleWeight,
        market: { reps: params.marketReps, blockLength: params.blockLength, seed: `${ctx.seed}` },
      },
    );
    for (const study of evaluation.macroRegime!.studies) {
      for (const h of study.horizons) {
        const at = `${study.timing}.h${h.horizon}`;
        ctx.metric(`${at}.ensemble.mae`, h.models.ensemble.mae);
        ctx.metric(`${at}.ensemble.direction`, h.models.ensemble.direction);
        if (h.models.ensemble.coverage !== null) {
          ctx.metric(`${at}.ensemble.coverage`, h.models.ensemble.coverage);
        }
        ctx.metric(`${at}.market.excess`, h.market.excess.mean);
      }
    }
    return evaluation;
  },
});
