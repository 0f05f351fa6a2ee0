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
 * A phase whose control is the plain TFT on the standard weekly folds reads the shared
 * folds and control (`finfusion_control.ts`: `weekly-fold`, `control-fit`, fitted once for
 * all such phases) and fits only its other models.
 *
 * Node ids: every node of a phase starts with the phase's id (`anti-collapse-fit`, …) and
 * the shared nodes (`spx`, `vix`, `macro`, the feature node, the shared folds and control)
 * do not, so the program (`pipelines/finfusion/program.ts`) declares every phase in one DAG
 * with exactly the ids (and so the cache keys) the phase's own pipeline has.
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
import { rollingFold } from "../../tasks/split.ts";
import { trainReplicate } from "../../tasks/replicate.ts";
import { fitModel } from "../../tasks/train.ts";
import { poolReplicates } from "../../tasks/replicates.ts";
import { predictModel } from "../../tasks/predict.ts";
import { trainingView } from "../../tasks/training_view.ts";
import { evaluateForecasts } from "../../tasks/evaluate.ts";
import { renderReport } from "../../tasks/report.ts";
import { spxFeatures, type SpxInputs, spxInputs, STUDY_FEATURES } from "./market_data.ts";
import { featureNodeId } from "./feature_node_id.ts";
import {
  declareSharedControl,
  type SharedControl,
  standardFoldParams,
} from "./finfusion_control.ts";

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
   * Checkpoint rules re-selected from the shared control's fits without retraining
   * (`finfusion_control.ts`, which keeps every rule): `<id>-reselect` predicts the control
   * under each rule (its own rule keeps the label `tft`, another gives `tft-<rule>`), in
   * place of the control's own forecasts.
   */
  reselect?: { rules: CheckpointSelection[] };
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
    finfusionPhase(p, spec.options, sharedData(), spec.control);
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
  control?: string,
): PhaseNodes {
  const id = (name: string) => `${options.id}-${name}`;
  const features = phaseFeatures(p, options.computed, shared);
  const replicates = [...(options.replicates ?? PHASE_REPLICATES)];
  const sharing = sharesControl(options, control);
  if (options.reselect && !sharing) {
    throw new Error(
      `phase ${options.id}: reselect re-selects rules from the shared control's fits; the ` +
        "phase needs a plain-TFT control on the standard weekly folds",
    );
  }
  const common = sharing
    ? (shared.control ??= declareSharedControl(p, features, { control: BASE_TFT, replicates }))
    : null;
  const fold = common?.fold ?? p.split(id("fold"), rollingFold, {
    ...standardFoldParams(options.labelSeries),
    encoderLength: options.encoderLength ?? 12,
    horizon: Array.isArray(options.horizon) ? sweep([...options.horizon]) : options.horizon ?? 1,
    features: foldFeatures(options.features),
  }, { features });
  const trainRows = common?.trainRows ?? p.split(id("train-rows"), trainingView, {}, { fold });
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
  // The phase's own models (all but a shared control) under each replicate.
  const { [sharing ? control! : ""]: _control, ...ownModels } = options.models;
  const fit = p.train(id("fit"), trainReplicate, {
    model: sweep(structuredClone(ownModels)),
    replicate: sweep(replicates),
  }, { fold: trainRows, ...upstream });
  const forecasts = p.train(id("predict"), predictModel, {}, { fold, fitted: fit });
  // The shared control's forecasts: its own, or re-selected by checkpoint rule.
  const controlForecasts = !common
    ? null
    : options.reselect
    ? p.train(id("reselect"), predictModel, { checkpoint: sweep([...options.reselect.rules]) }, {
      fold,
      fitted: common.fit,
    }).gather("testYear", "model", "checkpoint")
    : common.forecasts.gather("testYear", "model");
  // One evaluation per replicate and horizon or feature set: every model of every fold;
  // then the replicates pooled per horizon or feature set.
  const own = forecasts.gather("testYear", "model");
  const perReplicate = p.evaluate(id("metrics"), evaluateForecasts, {}, {
    // The control first, as it is listed first in the phase's models.
    ...(controlForecasts ? { fits: controlForecasts, moreFits: own } : { fits: own }),
    features,
  });
  const pooled = p.evaluate(id("replicates"), poolReplicates, {}, {
    metrics: perReplicate.gather("replicate"),
  });
  p.report(id("report"), renderReport, { title: options.title }, { metrics: pooled });
  return { perReplicate, pooled };
}

/**
 * Whether the phase reads the shared control (`finfusion_control.ts`): its control is the
 * plain TFT and its folds are the standard weekly ones (default features, encoder, horizon
 * and replicates; no stage 1).
 */
function sharesControl(options: PhaseOptions, control: string | undefined): boolean {
  const model = control === undefined ? undefined : options.models[control];
  return model !== undefined && JSON.stringify(model) === JSON.stringify(BASE_TFT) &&
    options.features === undefined && options.computed === undefined &&
    options.horizon === undefined && options.encoderLength === undefined &&
    options.stage1 === undefined && options.replicates === undefined &&
    (options.labelSeries ?? []).every((name) => name === "vix");
}

/**
 * Data nodes already declared in this DAG (the fetch nodes, the feature nodes by id): a
 * program declaring several phases passes one to each, so shared data nodes appear once.
 */
export interface SharedData {
  inputs?: SpxInputs;
  features: Map<string, NodeRef<FeatureFrame>>;
  /** The shared folds and plain-TFT control, once a phase has declared them. */
  control?: SharedControl;
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
