/**
 * One phase of the finfusion experiment program (issue 12): TFT variants, each an
 * intervention against the output collapse, fitted on the nine weekly rolling folds (test
 * years 2016–2024, ten training years before each, the last held out for early stopping)
 * under three seeds (replicates, `tasks/replicate.ts`), and scored on the same bars beside
 * always-long (the evaluation's base rate on the same rows, and the always-long model
 * itself), pooled over the seeds, with the report. Optionally a stage-2 fit reads a stage-1
 * TFT's stored model over the same folds (frozen-backbone fine-tuning; one backbone per fold,
 * the replicates vary the new head's seed).
 *
 * Node ids: every node of a phase starts with the phase's id (`anti-collapse-fit`, …) and
 * the shared data nodes (`spx`, `vix`, `macro`, the feature node) do not, so the program
 * (`pipelines/finfusion/program.ts`) declares every phase in one DAG with exactly the ids
 * (and so the cache keys) the phase's own pipeline has.
 */
import {
  type NodeRef,
  pipeline,
  type PipelineBuilder,
  type PipelineDefinition,
  sweep,
} from "../../engine/mod.ts";
import type { Claim } from "../../evaluation/program/verdict.ts";
import type { FeatureFrame, FeatureName } from "../../data/frame.ts";
import type { CheckpointSelection } from "../../models/tf/trainer_config.ts";
import type { EvaluationMetrics } from "../../evaluation/evaluation.ts";
import { DEFAULT_TEST_YEARS, rollingFold } from "../../tasks/split.ts";
import { trainReplicate } from "../../tasks/replicate.ts";
import { fitModel, trainModel } from "../../tasks/train.ts";
import { poolReplicates } from "../../tasks/replicates.ts";
import { predictModel } from "../../tasks/predict.ts";
import { trainingView } from "../../tasks/training_view.ts";
import { evaluateForecasts } from "../../tasks/evaluate.ts";
import { renderReport } from "../../tasks/report.ts";
import { spxFeatures, type SpxInputs, spxInputs, STUDY_FEATURES } from "./market_data.ts";
import { featureNodeId } from "./feature_node_id.ts";

export type ModelConfig = { kind: string } & Record<string, unknown>;

/**
 * Seeds per variant: each fit runs under replicates 0, 1 and 2 (replicate 0 keeps the run's
 * seed). `--set <phase>-fit.replicate=[0,1,2,3,4]` widens it.
 */
export const PHASE_REPLICATES = [0, 1, 2] as const;

export interface PhaseOptions {
  /** The phase's id: the prefix of every node id of the phase (kebab-case, unique). */
  id: string;
  title: string;
  /** The compared models by label (TFT variants, always-long, ...). */
  models: Record<string, ModelConfig>;
  /**
   * Past features of the folds (default: the studies' set), or named sets to sweep (one
   * evaluation and report per set, e.g. the ablation presets).
   */
  features?: readonly FeatureName[] | Record<string, readonly FeatureName[]>;
  /** Features the feature node computes, when the folds need ones outside its default. */
  computed?: readonly FeatureName[];
  /**
   * Frame features the folds keep raw as training-label series (`Fold.labelSeries`, never
   * inputs): `["vix"]` for the TFT's volatility-regime auxiliary head.
   */
  labelSeries?: readonly FeatureName[];
  /** Forecast horizon, or several (one evaluation and report per horizon). */
  horizon?: number | number[];
  encoderLength?: number;
  /**
   * Frozen-backbone fine-tuning: `models` become stage-2 fits that read this stage-1
   * model's stored weights (`upstream`) on the same fold (one stage-1 fit per fold).
   */
  stage1?: ModelConfig;
  /** Replicates per fit (default `PHASE_REPLICATES`). */
  replicates?: readonly number[];
  /**
   * Checkpoint rules re-selected at the predict node from one fit per fold and seed, without
   * retraining: `model` is the label of a model whose config keeps the rules
   * (`training.keepCheckpoints`). Its fit node is `<id>-fit` and its predict node sweeps
   * `checkpoint` over `rules` (the fit's own rule keeps the label, another gives
   * `<model>-<rule>`); the other models are fitted once per fold by `<id>-other-fit`, under
   * the run's seed, for every replicate's evaluation: meant for a deterministic benchmark
   * (always-long), whose replicates would all be the same fit.
   */
  reselect?: { model: string; rules: CheckpointSelection[] };
}

/**
 * A phase of the program: its options, the hypothesis it tests (the pipeline's description,
 * "Hypothesis: …") and what the hypothesis claims against always-long (which the program
 * report's verdict rule reads, `evaluation/program/verdict.ts`).
 */
export interface PhaseSpec {
  description: string;
  claim: Claim;
  /**
   * The label of the plain model the phase's interventions are set against (the baseline
   * TFT), if the phase has one: shown and tested, but the verdict judges the others.
   */
  control?: string;
  options: PhaseOptions;
}

/** The run seed of every phase and of the program, so both give the same cache keys. */
export const PHASE_SEED = 1;

/** The pipeline `finfusion/<id>` of a phase: its nodes alone, under `PHASE_SEED`. */
export function phasePipeline(spec: PhaseSpec): PipelineDefinition {
  return pipeline({
    name: `finfusion/${spec.options.id}`,
    seed: PHASE_SEED,
    description: spec.description,
  }, (p) => {
    finfusionPhase(p, spec.options);
  });
}

/** The phase's baseline TFT: the weekly defaults of `models/tft/README.md`. */
export const BASE_TFT: ModelConfig = { kind: "tft" };

/** A phase's evaluation nodes: one per replicate (and horizon or feature set), and pooled. */
export interface PhaseNodes {
  perReplicate: NodeRef<EvaluationMetrics>;
  pooled: NodeRef<EvaluationMetrics>;
}

/**
 * Declares the phase's nodes; returns its evaluations, per replicate (which the program's
 * report reads) and pooled over the replicates (which the phase's report reads).
 */
export function finfusionPhase(
  p: PipelineBuilder,
  options: PhaseOptions,
  shared: SharedData = sharedData(),
): PhaseNodes {
  const id = (name: string) => `${options.id}-${name}`;
  const features = phaseFeatures(p, options.computed, shared);
  const fold = p.split(id("fold"), rollingFold, {
    testYear: sweep([...DEFAULT_TEST_YEARS]),
    trainYears: 10,
    validationYears: 1,
    encoderLength: options.encoderLength ?? 12,
    horizon: Array.isArray(options.horizon) ? sweep([...options.horizon]) : options.horizon ?? 1,
    features: foldFeatures(options.features),
    ...(options.labelSeries ? { labelSeries: [...options.labelSeries] } : {}),
  }, { features });
  const trainRows = p.split(id("train-rows"), trainingView, {}, { fold });
  const replicates = [...(options.replicates ?? PHASE_REPLICATES)];
  // fit-model stores the TrainResult (weights and config) a stage-2 fit reads. One backbone
  // per fold under the run's seed: the engine gives an axis one origin, so the stage-2
  // replicates (the fit's sweep) vary the new head's seed, not the backbone's.
  const upstream = options.stage1
    ? {
      upstream: p.train(id("stage-1"), fitModel, { model: structuredClone(options.stage1) }, {
        fold,
      }),
    }
    : {};
  // `<prefix>fit` fits `models` under each replicate; `<prefix>predict` predicts each fit
  // (swept over `checkpoint` rules when given), gathered per replicate.
  const forecasts = (
    prefix: string,
    models: Record<string, ModelConfig>,
    rules?: CheckpointSelection[],
  ) => {
    const fit = p.train(id(`${prefix}fit`), trainReplicate, {
      model: sweep(structuredClone(models)),
      replicate: sweep(replicates),
    }, { fold: trainRows, ...upstream });
    const params = rules ? { checkpoint: sweep(rules) } : {};
    return p.train(id(`${prefix}predict`), predictModel, params, { fold, fitted: fit })
      .gather("testYear", "model", ...(rules ? ["checkpoint"] : []));
  };
  const { reselect } = options;
  const { [reselect?.model ?? ""]: kept, ...others } = options.models;
  if (reselect && !kept) {
    throw new Error(
      `phase ${options.id}: reselect.model "${reselect.model}" is not one of its models ` +
        `(${Object.keys(options.models).join(", ")}); name the model whose fit keeps the rules`,
    );
  }
  // The other models of a re-selecting phase: one fit per fold under the run's seed, read by
  // every replicate's evaluation (so narrowing `<id>-fit.replicate` narrows the phase).
  const othersOnce = () => {
    const fit = p.train(id("other-fit"), trainModel, { model: sweep(structuredClone(others)) }, {
      fold: trainRows,
    });
    return p.train(id("other-predict"), predictModel, {}, { fold, fitted: fit })
      .gather("testYear", "model");
  };
  const fits = reselect
    ? {
      fits: forecasts("", { [reselect.model]: kept }, [...reselect.rules]),
      ...(Object.keys(others).length > 0 ? { moreFits: othersOnce() } : {}),
    }
    : { fits: forecasts("", options.models) };
  // One evaluation per replicate and horizon or feature set: every model of every fold;
  // then the replicates pooled per horizon or feature set.
  const perReplicate = p.evaluate(id("metrics"), evaluateForecasts, {}, {
    ...fits,
    features,
  });
  const pooled = p.evaluate(id("replicates"), poolReplicates, {}, {
    metrics: perReplicate.gather("replicate"),
  });
  p.report(id("report"), renderReport, { title: options.title }, { metrics: pooled });
  return { perReplicate, pooled };
}

/**
 * Data nodes already declared in this DAG (the fetch nodes, the feature nodes by id): a
 * program declaring several phases passes one to each, so shared data nodes appear once.
 */
export interface SharedData {
  inputs?: SpxInputs;
  features: Map<string, NodeRef<FeatureFrame>>;
}

export function sharedData(): SharedData {
  return { features: new Map() };
}

function phaseFeatures(
  p: PipelineBuilder,
  computed: readonly FeatureName[] | undefined,
  shared: SharedData,
): NodeRef<FeatureFrame> {
  const id = featureNodeId(computed);
  const known = shared.features.get(id);
  if (known) return known;
  shared.inputs ??= spxInputs(p, {});
  const features = spxFeatures(p, {
    frequency: "weekly",
    ...(computed ? { features: computed } : {}),
    id,
    inputs: shared.inputs,
  });
  shared.features.set(id, features);
  return features;
}

function foldFeatures(features: PhaseOptions["features"]) {
  if (!features) return [...STUDY_FEATURES];
  if (Array.isArray(features)) return [...features];
  const sets = features as Record<string, readonly FeatureName[]>;
  return sweep(Object.fromEntries(Object.entries(sets).map(([k, v]) => [k, [...v]])));
}
