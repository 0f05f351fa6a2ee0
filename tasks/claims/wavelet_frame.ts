/**
 * Feature node of claim 1 (wavelet–autoencoder–LSTM): the study's daily inputs
 * (`data/features/bao_inputs.ts`), each Haar-denoised twice (`data/features/wavelet.ts`),
 * as a {@link FeatureFrame} the fold machinery reads. Leak-free (the default), each point is
 * denoised from the data up to it only (an expanding window). As published
 * (`asPublished.wholeSeriesDenoising`), the whole series is denoised at once, so every input
 * at date t has seen later prices; the frame lists that leak in `departures`.
 */
import { z } from "zod";
import { defineTask } from "../../engine/task.ts";
import type { FeatureFrame } from "../../data/frame.ts";
import type { PriceSeries } from "../../data/snapshot.ts";
import { BAO_INPUTS, baoInputs } from "../../data/features/bao_inputs.ts";
import { causalDenoise, denoise } from "../../data/features/wavelet.ts";
import { parseIsoDay } from "../../data/dates.ts";

export const waveletFrameParams = z.object({
  /** First row kept (after the indicators' warm-up); denoising starts here too. */
  from: z.string().refine((s) => parseIsoDay(s) !== null, "expected YYYY-MM-DD")
    .default("2016-01-01"),
  /** Haar decomposition levels and passes (the study: 2 and 2). */
  levels: z.number().int().min(1).max(6).default(2),
  passes: z.number().int().min(1).max(4).default(2),
  asPublished: z.object({
    /** Denoise each whole series at once (a leak: every value sees later prices). */
    wholeSeriesDenoising: z.boolean().default(false),
  }).strict().prefault({}),
}).strict();

export type WaveletFrameParams = z.infer<typeof waveletFrameParams>;

/** A feature frame that says which leaks it carries. */
export type ClaimFrame = FeatureFrame & { departures: string[] };

export const WHOLE_SERIES_DENOISING = "wavelet thresholds and denoising fitted on the whole " +
  "series (every input sees later prices)";

export function waveletFrame(spx: PriceSeries, params: WaveletFrameParams, where: string) {
  if (spx?.kind !== "prices") {
    throw new Error(`${where}: input "spx" must be a fetchPrices snapshot`);
  }
  const inputs = baoInputs(spx);
  const first = spx.dates.findIndex((d, t) =>
    d >= params.from && t > 0 && BAO_INPUTS.every((name) => Number.isFinite(inputs[name][t]))
  );
  if (first < 0 || spx.dates.length - first < 100) {
    throw new Error(
      `${where}: fewer than 100 complete rows from ${params.from} (the data runs ` +
        `${spx.dates[0]}..${spx.dates.at(-1)}); choose an earlier "from"`,
    );
  }
  const options = { levels: params.levels, passes: params.passes };
  const denoised = BAO_INPUTS.map((name) => {
    const raw = inputs[name].subarray(first);
    return params.asPublished.wholeSeriesDenoising
      ? denoise(raw, options)
      : causalDenoise(raw, options);
  });
  const n = spx.dates.length - first;
  const close = spx.close.slice(first);
  const target = Float64Array.from(
    { length: n },
    (_, t) => spx.close[first + t] / spx.close[first + t - 1] - 1,
  );
  const frame: ClaimFrame = {
    kind: "feature-frame",
    frequency: "daily",
    dates: spx.dates.slice(first),
    ordinal: Int32Array.from({ length: n }, (_, t) => first + t),
    close,
    target,
    past: { names: [...BAO_INPUTS], columns: denoised },
    known: { names: [], columns: [] },
    regime: new Array(n).fill("all"),
    regimeLabels: ["all"],
    regimeRule: "one regime (the claim is scored over all days)",
    publication: {},
    warnings: [],
    departures: params.asPublished.wholeSeriesDenoising ? [WHOLE_SERIES_DENOISING] : [],
  };
  return frame;
}

export const buildWaveletFrame = defineTask({
  name: "feature.wavelet-frame",
  kind: "feature",
  module: import.meta.url,
  params: waveletFrameParams,
  inputs: { spx: "required" },
  run: ({ spx }: { spx: PriceSeries }, params, ctx): ClaimFrame => {
    const frame = waveletFrame(spx, params, ctx.nodeId);
    for (const departure of frame.departures) ctx.warn(`as published, a leak: ${departure}`);
    ctx.progress({ message: `${frame.dates.length} daily rows`, fraction: 1 });
    return frame;
  },
});
