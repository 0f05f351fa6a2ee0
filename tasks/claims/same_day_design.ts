/**
 * Feature node of claim 4 (same-day features): a row per trading day, its target the day's
 * own return (close t−1 → close t, raw), its features parts of bars at chosen lags
 * (`data/features/bar_parts.ts`). Every feature must be observed strictly before its
 * target (`data/features/timing.ts`): a same-day open, high, low or traded value is
 * rejected with an error naming the feature. `asPublished.sameDayFeatures: true` skips the
 * check to reproduce the published pattern; the design then lists the leak in `departures`,
 * which the claim summary carries and the report flags.
 */
import { z } from "zod";
import { defineTask } from "../../engine/task.ts";
import { BAR_PARTS, laggedPart } from "../../data/features/bar_parts.ts";
import { assertFeaturesPrecedeTarget } from "../../data/features/timing.ts";
import { parseIsoDay } from "../../data/dates.ts";
import type { PriceSeries } from "../../data/snapshot.ts";

export const sameDayDesignParams = z.object({
  /** Bar parts and their lags (0 = the target's own bar). */
  features: z.array(
    z.object({
      part: z.enum(BAR_PARTS),
      lag: z.number().int().min(0).max(20),
    }).strict(),
  ).min(1).default([
    { part: "open", lag: 1 },
    { part: "high", lag: 1 },
    { part: "low", lag: 1 },
    { part: "value", lag: 1 },
  ]),
  /** First target date kept (the index's open is not a real print before about 2007). */
  from: z.string().refine((s) => parseIsoDay(s) !== null, "expected YYYY-MM-DD")
    .default("2008-01-01"),
  asPublished: z.object({
    /** Let features observed on the target's own day through (the published leak). */
    sameDayFeatures: z.boolean().default(false),
  }).strict().prefault({}),
}).strict();

export type SameDayDesignParams = z.infer<typeof sameDayDesignParams>;

export interface TimedDesign {
  kind: "timed-design";
  /** Date of each target (the day whose return it is). */
  dates: string[];
  /** The day's simple return, raw. */
  target: Float64Array;
  names: string[];
  columns: Float64Array[];
  /** Leaks this design carries (empty when every feature precedes its target). */
  departures: string[];
}

/** Builds the design; `where` names the node in errors. */
export function sameDayDesign(
  spx: PriceSeries,
  params: SameDayDesignParams,
  where: string,
): TimedDesign {
  if (spx?.kind !== "prices") {
    throw new Error(`${where}: input "spx" must be a fetchPrices snapshot`);
  }
  const features = params.features.map((spec) => laggedPart(spx, spec));
  const first = spx.dates.findIndex((d, t) =>
    d >= params.from && features.every((f) => Number.isFinite(f.values[t])) && t > 0
  );
  if (first < 0) throw new Error(`${where}: no complete rows on or after ${params.from}`);
  const dates = spx.dates.slice(first);
  const sameDay = features.filter((f) => f.observed.slice(first).some((o, t) => o >= dates[t]));
  if (!params.asPublished.sameDayFeatures) {
    assertFeaturesPrecedeTarget(
      features.map((f) => ({ name: f.name, observed: f.observed.slice(first) })),
      dates,
      `feature node ${where}`,
    );
  }
  const target = Float64Array.from(
    dates,
    (_, t) => spx.close[first + t] / spx.close[first + t - 1] - 1,
  );
  const columns = features.map((f) => f.values.slice(first));
  columns.forEach((column, j) => {
    const bad = column.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) {
      throw new Error(
        `${where}: feature "${features[j].name}" is not a number on ${dates[bad]} (a zero or ` +
          `missing price or volume in the spx snapshot); start later with "from"`,
      );
    }
  });
  return {
    kind: "timed-design",
    dates,
    target,
    names: features.map((f) => f.name),
    columns,
    departures: sameDay.length > 0
      ? [
        `same-day features (${sameDay.map((f) => f.name).join(", ")}) observed on the target's day`,
      ]
      : [],
  };
}

export const buildSameDayDesign = defineTask({
  name: "feature.same-day-design",
  kind: "feature",
  module: import.meta.url,
  params: sameDayDesignParams,
  inputs: { spx: "required" },
  run: ({ spx }: { spx: PriceSeries }, params, ctx): TimedDesign => {
    const design = sameDayDesign(spx, params, ctx.nodeId);
    for (const departure of design.departures) ctx.warn(`as published, a leak: ${departure}`);
    ctx.progress({ message: `${design.dates.length} daily rows`, fraction: 1 });
    return design;
  },
});
