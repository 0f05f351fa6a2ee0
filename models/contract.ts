/**
 * The one model contract every forecaster implements, from always-long to the TFT
 * (in the spirit of Darts): `fit` on a fold's training (and validation) rows, `predict`
 * the rows of a split, optionally `explain`. The fold loop never special-cases a model.
 *
 * Data arrives as a {@link Fold}: one contiguous, already point-in-time and fold-scaled
 * time series plus the row indices of each split's forecast origins. Models build their
 * own input windows from it (see `windows.ts`), so classic time-series models (ARIMAX,
 * GARCH) and window models (TFT, LSTM, trees) read the same thing.
 */
import type { z } from "zod";

export type Frequency = "daily" | "weekly";
export type SplitName = "train" | "validation" | "test";

/** Row-major float32 matrix. */
export interface Matrix {
  rows: number;
  cols: number;
  values: Float32Array;
}

/**
 * One fold of one experiment. Row t of `series` is the bar ending on `dates[t]`.
 *
 * - `target[t]` is the simple return realised over bar t (close[t-1] → close[t]); raw,
 *   not scaled. A forecast made at origin row o for step h (1-based) targets row o + h.
 * - `past` holds features observable at the end of bar t (already lagged for publication
 *   and scaled with statistics fitted on this fold's training rows only). It includes
 *   the (scaled) lagged target itself when the feature set asks for it.
 * - `known` holds features known in advance for row t (calendar), usable for decoder steps.
 * - `static` holds per-row static covariates taken at the origin (e.g. regime id).
 * - `splits[s]` lists the origin rows whose forecasts belong to split s. Every origin has
 *   at least `encoderLength - 1` rows before it and `horizon` rows after it.
 */
export interface Fold {
  id: string;
  /** The calendar year scored by this fold's test split (rolling folds), or a label. */
  testYear: number | null;
  frequency: Frequency;
  encoderLength: number;
  horizon: number;
  dates: string[];
  target: Float32Array;
  past: Matrix;
  pastNames: string[];
  known: Matrix;
  knownNames: string[];
  static: Matrix;
  staticNames: string[];
  /** Regime label per row (documented rule in the data stage), for per-regime reports. */
  regime: string[];
  splits: Record<SplitName, Int32Array>;
  /** Scaler statistics fitted on training rows, per past/known feature, for the record. */
  scaler: { names: string[]; mean: number[]; std: number[] };
  /**
   * Raw (unscaled) frame series per fold row, kept for training labels only, never as
   * model inputs: e.g. the VIX level at a forecast's target step for the TFT's
   * volatility-regime auxiliary head. Absent unless the split node's `labelSeries` asks.
   */
  labelSeries?: Record<string, Float64Array>;
}

/** Forecasts for the origins of one split, in the order of `fold.splits[split]`. */
export interface Forecast {
  split: SplitName;
  /** Origin row of each forecast. */
  origins: Int32Array;
  horizon: number;
  /** Point forecast of the return, [n, horizon] row-major. Its sign is the direction call. */
  point: Float32Array;
  /** Optional quantile forecasts, [n, horizon, levels.length] row-major. */
  quantiles?: { levels: number[]; values: Float32Array };
  /** Optional one-step variance forecasts (GARCH), [n, horizon]. */
  variance?: Float32Array;
}

/**
 * One row per epoch for trained models; the report's collapse diagnostics read these.
 * No wall-clock time: a train node's output must be a function of its key alone.
 */
export interface EpochRecord {
  epoch: number;
  trainLoss: number;
  validationLoss: number | null;
  validationDirectionalAccuracy: number | null;
  /** Std of validation point predictions over std of validation targets. */
  predictionStdRatio: number | null;
  /** Share of validation point predictions above zero. */
  shareLong: number | null;
  /**
   * Validation accuracy × up-share calibration, DA · (0.5 + 0.5 · (1 − |p̂₊ − p₊|))
   * (`models/tf/checkpoint_rules.ts`); absent in records from before it existed.
   */
  compositeScore?: number | null;
  /** Gradient norm of the output layer over that of the encoder (mean over the epoch). */
  outputToEncoderGradRatio: number | null;
  learningRate: number;
}

export interface FitReport {
  history: EpochRecord[];
  /** Epoch whose weights were kept (checkpoint selection), if the model trains by epochs. */
  selectedEpoch: number | null;
  /**
   * The epoch each rule of `training.keepCheckpoints` kept besides the selected one
   * (absent when the fit kept none); a predict node re-selects by rule from these.
   */
  keptEpochs?: Record<string, number | null>;
  /** Fitted coefficients or summary numbers worth logging (AIC, order, alpha, ...). */
  summary: Record<string, number | string | number[]>;
  /** Caveats the report prints beside the model's results (e.g. what its inputs cannot see). */
  notes?: string[];
}

/** Interpretation data handed to the report. Models fill what applies to them. */
export interface Explanation {
  /** Attention over encoder steps, averaged over heads and samples: [encoderLength]. */
  attention?: { steps: number[]; weights: number[] };
  /** The same per sample (TFT, on request): weights [origins.length, steps.length] row-major. */
  attentionBySample?: { origins: Int32Array; steps: number[]; weights: Float32Array };
  /** Per-layer, per-head attention (CLS transformer): [layers][heads][steps]. */
  attentionByHead?: number[][][];
  /** Mean selection weight per variable, per group. */
  variableImportance?: Record<"static" | "past" | "future", Record<string, number>>;
  /** Linear models: coefficient per named input. */
  coefficients?: Record<string, number>;
}

export interface FitOptions {
  /**
   * Called after each epoch (trained models) for progress display, with the epoch's
   * wall-clock seconds (for ETAs and benchmarks; never part of the stored record).
   */
  onEpoch?: (record: EpochRecord, totalEpochs: number, seconds: number) => void;
  signal?: AbortSignal;
  /**
   * A model stored by an upstream train node, when the DAG wires one into this fit
   * (pretrain → fine-tune with a frozen backbone, feature learner → forecaster). Only kinds
   * that declare they accept one receive it.
   */
  upstream?: UpstreamModel;
}

/** A fitted model as an upstream train node stored it: enough to rebuild it and read its weights. */
export interface UpstreamModel {
  /** Model kind of the upstream fit, e.g. "tft". */
  model: string;
  label: string;
  /** Its full validated configuration. */
  config: Record<string, unknown>;
  /** Its saved weights or fitted state (`ForecastModel.save`). */
  weights: Uint8Array | null;
}

export interface ForecastModel {
  fit(fold: Fold, options?: FitOptions): Promise<FitReport>;
  predict(fold: Fold, split: SplitName): Promise<Forecast>;
  explain?(fold: Fold, split: SplitName): Promise<Explanation>;
  /**
   * The fitted state as bytes (weights, coefficients, trees), deterministic for the same
   * fit, so a trained model can be stored and reloaded through `ModelSpec.load`.
   */
  save?(): Promise<Uint8Array>;
  /** Frees tensors; the fold loop always calls it. */
  dispose?(): void;
}

export interface ModelContext {
  seed: number;
  /** Concrete compute backend for tfjs models ("wasm" | "wasm-fma" | "webgpu" | "cpu"). */
  backend: string;
}

/**
 * A registered model kind: a zod schema with documented defaults, and a factory.
 * `schema.parse({})` must yield the documented default configuration.
 */
export interface ModelSpec<C = unknown> {
  kind: string;
  description: string;
  schema: z.ZodType<C>;
  create(config: C, context: ModelContext): ForecastModel;
  /** Restores a model from the bytes its `save` gave: identical predictions. */
  load?(config: C, context: ModelContext, saved: Uint8Array): Promise<ForecastModel>;
  /**
   * What the kind accepts besides a fold. `upstream`: a model stored by another train node
   * (`FitOptions.upstream`); the train task refuses to wire one into a kind without it.
   */
  accepts?: { upstream?: boolean };
}

/**
 * What a kind's config module (zod only) exports, and the registry (`models/registry.ts`)
 * reads without importing the implementation: the kind's name, description and schema.
 * The spec spreads the same object.
 */
export type ModelCard<C = unknown> = Pick<ModelSpec<C>, "kind" | "description" | "schema">;

/** The rows a split scores, copied out of the fold so evaluation needs nothing else. */
export interface ScoredRows {
  /** Date of the first target row (o + 1) of each origin: the timestamp being forecast. */
  dates: string[];
  /** Realised returns of rows o+1..o+H, [n, horizon]. */
  actual: Float32Array;
  /** Regime label at each origin row. */
  regime: string[];
}

/** What a `train` node returns for one (fold, model) pair. */
export interface TrainResult {
  /** Model kind in the registry, e.g. "tft", "always-long". */
  model: string;
  /** Sweep label of this configuration, e.g. "tft-hybrid"; equals `model` when unswept. */
  label: string;
  /** The full validated configuration (defaults filled in). */
  config: Record<string, unknown>;
  foldId: string;
  testYear: number | null;
  frequency: Frequency;
  horizon: number;
  test: Forecast & ScoredRows;
  validation: (Forecast & ScoredRows) | null;
  fit: FitReport;
  explanation: Explanation | null;
  /** Saved weights (tfjs models), reloadable through the spec's `load`. */
  weights: Uint8Array | null;
  backend: string;
  seed: number;
  /**
   * The fold's training split, for the report's Run section: dates of the first and last
   * training target (the first origin's step 1, the last origin's step H) and the number of
   * training origins. Absent in results stored before it existed.
   */
  trainSpan?: { first: string; last: string; rows: number };
}

/**
 * What a train node that only fits stores (`trainModel`): the result without the test
 * forecasts and the interpretation, which a predict node adds from the saved `weights`.
 * `fitKey` is the fitting node's cache key (null outside a pipeline).
 */
export type FittedModel = Omit<TrainResult, "test" | "explanation"> & { fitKey: string | null };
