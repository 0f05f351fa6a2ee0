/**
 * The architecture study (issue 13): do state-space (Mamba) and all-MLP mixer models
 * (TSMixer, multi-scale TSMixer) call the next bar's S&P 500 return better than the CLS
 * Transformer, the TFT, the LSTM — and than always-long? Every model sees the same
 * point-in-time features on the same nine rolling folds as `weekly-tft` (test years
 * 2016–2024, ten training years before each, the last held out for early stopping), is fitted under three
 * seeds (replicates), and is scored on the same bars.
 */
import type { NodeRef, PipelineBuilder } from "../../engine/mod.ts";
import type { EvaluationMetrics } from "../../evaluation/evaluation.ts";
import { measureLatencyNode, withLatency } from "../../tasks/latency.ts";
import { rollingStudy, type RollingStudyOptions } from "./rolling_study.ts";

/**
 * The epoch budget every neural model shares here: at most 15 epochs, stopping after 4
 * without a better validation loss (sized for a 2-core machine; `--set` widens it).
 */
const TRAINING = { epochs: 15, earlyStoppingPatience: 4 };

/**
 * The models compared, compact and of one width (16) and depth (2) where the kind has them,
 * so that 3 replicates of every model fit in minutes on a 2-core machine; the multi-scale
 * TSMixer's paths follow the encoder length. Mamba keeps expand 2 and d_conv 4 but a state
 * of 4 (the reference's 16 made a step 7× slower on wasm) and the sequential scan (faster
 * than the parallel one at L = 52 on wasm, and a fifth of its memory).
 */
export const ARCHITECTURE_MODELS = {
  "mamba": {
    kind: "mamba",
    dModel: 16,
    layers: 2,
    dState: 4,
    scan: "sequential",
    training: TRAINING,
  },
  "tsmixer": { kind: "tsmixer", blocks: 2, ffDim: 16, training: TRAINING },
  "multiscale-tsmixer": { kind: "multiscale-tsmixer", blocks: 2, ffDim: 16, training: TRAINING },
  "cls-transformer": {
    kind: "cls-transformer",
    dModel: 16,
    heads: 2,
    layers: 2,
    feedForward: 32,
    headUnits: 16,
    training: TRAINING,
  },
  "tft": { kind: "tft", hiddenSize: 16, training: TRAINING },
  "lstm": { kind: "lstm", units: 16, layers: 2, training: TRAINING },
  "always-long": { kind: "always-long" },
} as const;

/** Test years by default: the nine of `weekly-tft`, 2016–2024 (`--set` narrows or widens them). */
export const ARCHITECTURE_TEST_YEARS = Array.from({ length: 9 }, (_, i) => 2016 + i);

/**
 * Replicates per model (`tasks/replicate.ts`): each model is fitted under three seeds derived
 * from the run's seed in one run, and the report pools them beside the spread across seeds.
 */
export const ARCHITECTURE_REPLICATES = [0, 1, 2] as const;

export type ArchitectureLabel = keyof typeof ARCHITECTURE_MODELS;

export interface ArchitectureStudyOptions extends Omit<RollingStudyOptions, "models"> {
  /** The models compared, by label (default: all of {@link ARCHITECTURE_MODELS}). */
  labels?: ArchitectureLabel[];
}

export function architectureStudy(p: PipelineBuilder, options: ArchitectureStudyOptions): void {
  const { labels, ...rest } = options;
  const chosen = labels ?? Object.keys(ARCHITECTURE_MODELS) as ArchitectureLabel[];
  const models = Object.fromEntries(
    chosen.map((label) => [label, structuredClone(ARCHITECTURE_MODELS[label])]),
  ) as RollingStudyOptions["models"];
  rollingStudy(p, {
    replicates: [...ARCHITECTURE_REPLICATES],
    testYears: [...ARCHITECTURE_TEST_YEARS],
    extras: latencyNodes,
    ...rest,
    models,
  });
}

/**
 * The latency part (synthetic inputs, independent of the folds): Mamba against the CLS
 * Transformer at L = 60, 250, 1000 and 4000, joined to the pooled evaluation for the report.
 */
function latencyNodes(
  p: PipelineBuilder,
  metrics: NodeRef<EvaluationMetrics>,
): NodeRef<EvaluationMetrics> {
  const latency = p.node("latency", { kind: "latency", task: measureLatencyNode });
  return p.node("with-latency", {
    kind: "evaluate",
    task: withLatency,
    inputs: { metrics, latency },
  });
}
