/**
 * The `synthetic` node (open kind): samples paths from each chosen market-gpt fit of one fold
 * (models/market_gpt/sample.ts), each as long as the fold's test period and started from the
 * last bars before it, maps them back to returns with the fold's own K-line scale, and sets
 * their stylised facts beside the real index's on that test period
 * (evaluation/pretrained/synthetic_facts.ts). Given the baselines' test forecasts, it does the
 * same for paths simulated from the fold's fitted GARCH(1,1) (models/baselines/garch_paths.ts),
 * the classical reference, from its forecast variance of the first test day.
 */
import { z } from "zod";
import { defineTask, type Gathered } from "../engine/task.ts";
import type { FittedModel, Fold, TrainResult } from "../models/contract.ts";
import { garchPaths } from "../models/baselines/garch_paths.ts";
import { marketGptConfig } from "../models/market_gpt/config.ts";
import { marketGptNetwork } from "../models/market_gpt/network.ts";
import { samplePaths } from "../models/market_gpt/sample.ts";
import { loadFitted } from "../models/tf/shell/fitted.ts";
import { seedFrom } from "../models/tf/rng.ts";
import { klineFeatureName } from "../data/features/kline_frame.ts";
import { compareFacts, type FactComparison } from "../evaluation/pretrained/synthetic_facts.ts";
import { startBackend } from "./fit_steps.ts";

export interface SyntheticResult {
  kind: "synthetic-paths";
  testYear: number | null;
  foldId: string;
  steps: number;
  paths: number;
  models: { label: string; facts: FactComparison[] }[];
}

function columnOf(fold: Fold, name: string, nodeId: string): number {
  const k = fold.pastNames.indexOf(name);
  if (k < 0 && name === klineFeatureName("return")) {
    throw new Error(
      `${nodeId}: fold ${fold.id} has no "${name}" feature (${fold.pastNames.join(", ")}); ` +
        "split the K-line feature node (feature.kline-frame)",
    );
  }
  return k;
}

export const syntheticPaths = defineTask({
  name: "synthetic.market-gpt-paths",
  kind: "synthetic",
  module: import.meta.url,
  worker: true,
  seeded: true,
  usesBackend: true,
  params: z.object({
    /** Labels of the market-gpt fits to sample from (their range head must be trained). */
    models: z.array(z.string()).min(1).default(["zero-shot", "fine-tune-head"]),
    /** Paths per model, each as long as the test period. */
    paths: z.number().int().min(2).default(40),
    /** Sampled standardised values are clipped here, as the fold clips its inputs. */
    clip: z.number().positive().default(5),
    /** Label of the GARCH(1,1) fit among `baselines` to simulate beside (null: none). */
    garch: z.string().nullable().default("garch"),
  }).strict(),
  inputs: { fold: "required", fits: "required", baselines: "optional" },
  run: async (
    { fold, fits, baselines }: {
      fold: Fold;
      fits: Gathered<FittedModel>;
      baselines?: Gathered<TrainResult>;
    },
    params,
    ctx,
  ): Promise<SyntheticResult> => {
    const returnPart = columnOf(fold, klineFeatureName("return"), ctx.nodeId);
    const rangePart = columnOf(fold, klineFeatureName("range"), ctx.nodeId);
    const test = [...fold.splits.test].sort((a, b) => a - b);
    const origin = test[0];
    const L = fold.encoderLength;
    const P = fold.past.cols;
    const context = fold.past.values.slice((origin - L + 1) * P, (origin + 1) * P);
    const real = test.map((o) => fold.target[o + 1]);
    const k = fold.scaler.names.indexOf(klineFeatureName("return"));
    const [mean, std] = [fold.scaler.mean[k], fold.scaler.std[k]];
    await startBackend(ctx);
    const models: SyntheticResult["models"] = [];
    const garchOf = () => {
      const fit = baselines!.find((b) => b.value.label === params.garch)?.value;
      const coefficients = fit?.explanation?.coefficients;
      if (!fit || fit.model !== "garch" || !coefficients || !fit.test.variance) {
        throw new Error(
          `${ctx.nodeId}: input "baselines" has no garch forecast labelled "${params.garch}" ` +
            "with its coefficients; wire the predict node of the garch fit, or set garch: null",
        );
      }
      const first = fit.test.origins.indexOf(origin);
      const { mu, omega, alpha, beta } = coefficients;
      return garchPaths({ mu, omega, alpha, beta }, {
        firstVariance: fit.test.variance[first * fit.test.horizon],
        steps: real.length,
        paths: params.paths,
        seed: seedFrom(ctx.seed, "synthetic", "garch", fold.id),
      });
    };
    for (const label of params.models) {
      const fit = fits.find((f) => f.value.label === label)?.value;
      if (!fit || fit.model !== "market-gpt" || !fit.weights) {
        const have = fits.map((f) => `${f.value.label} (${f.value.model})`).join(", ");
        throw new Error(
          `${ctx.nodeId}: no market-gpt fit labelled "${label}" with weights; have ${have}`,
        );
      }
      const config = marketGptConfig.parse(fit.config);
      const fitted = await loadFitted(
        "market-gpt",
        fit.weights,
        (m) => marketGptNetwork(m, config),
      );
      try {
        const scaled = samplePaths(fitted.network, {
          context,
          encoderLength: L,
          returnPart,
          rangePart,
          parts: P,
          levels: config.quantiles,
          steps: real.length,
          paths: params.paths,
          seed: seedFrom(ctx.seed, "synthetic", label, fold.id),
          clip: params.clip,
        });
        const paths = Array.from({ length: params.paths }, (_, n) =>
          Array.from(
            scaled.subarray(n * real.length, (n + 1) * real.length),
            (z) => Math.exp(z * std + mean) - 1,
          ));
        models.push({ label, facts: compareFacts(real, paths) });
      } finally {
        fitted.network.model.dispose();
      }
      ctx.progress({ message: `${label}: ${params.paths} paths of ${real.length} bars` });
    }
    if (baselines && params.garch !== null) {
      models.push({ label: `${params.garch}, simulated`, facts: compareFacts(real, garchOf()) });
    }
    return {
      kind: "synthetic-paths",
      testYear: fold.testYear,
      foldId: fold.id,
      steps: real.length,
      paths: params.paths,
      models,
    };
  },
});
