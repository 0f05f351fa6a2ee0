/**
 * Every model kind as the train task sees it: description, config schema and the module
 * that exports its `ModelSpec`, without importing any model implementation. Only the
 * zod-only config modules are imported, so the train task validates configs when a DAG
 * loads, names the one module a node runs (its cache key covers that module's closure, not
 * every model's), and loads that module when the node runs.
 *
 * `models/registry.ts` holds the same kinds as a static map of specs (tests, benchmarks);
 * `tests/models/catalog_test.ts` keeps the two in step. Add a kind to both.
 */
import type { z } from "zod";
import type { ModelSpec } from "./contract.ts";
import { alwaysLongConfig } from "./baselines/always_long_config.ts";
import { arimaxConfig } from "./baselines/arimax_config.ts";
import { garchConfig } from "./baselines/garch_config.ts";
import { gradientBoostingConfig } from "./baselines/gradient_boosting_config.ts";
import { historicalMeanConfig } from "./baselines/historical_mean_config.ts";
import { momentumConfig } from "./baselines/momentum_config.ts";
import { randomForestConfig } from "./baselines/random_forest_config.ts";
import { randomWalkConfig } from "./baselines/random_walk_config.ts";
import { ridgeConfig } from "./baselines/ridge_config.ts";
import { lstmConfig } from "./lstm/config.ts";
import { tftConfig } from "./tft/config.ts";
import { clsTransformerConfig } from "./transformer/config.ts";

export interface CatalogEntry {
  kind: string;
  description: string;
  /** The kind's config schema: the very object its `ModelSpec.schema` is. */
  schema: z.ZodType<unknown>;
  /** Absolute file: URL of the module that exports the kind's `ModelSpec`. */
  module: string;
}

const entry = (
  kind: string,
  description: string,
  schema: z.ZodType<unknown>,
  path: string,
): CatalogEntry => ({ kind, description, schema, module: new URL(path, import.meta.url).href });

const entries: CatalogEntry[] = [
  entry(
    "lstm",
    "Stacked LSTM (3 × 64 by default) over the past window, dense head, MSE",
    lstmConfig,
    "./lstm/lstm.ts",
  ),
  entry(
    "cls-transformer",
    "CLS-token Transformer encoder (d 128, 8 heads, 3 layers) over the past window, MSE",
    clsTransformerConfig,
    "./transformer/transformer.ts",
  ),
  entry(
    "always-long",
    "Predicts up at every origin (point = training mean absolute return)",
    alwaysLongConfig,
    "./baselines/always_long.ts",
  ),
  entry(
    "historical-mean",
    "Predicts the training mean return at every origin",
    historicalMeanConfig,
    "./baselines/historical_mean.ts",
  ),
  entry(
    "momentum",
    "Predicts the mean return of the last `lookback` bars (default: last return)",
    momentumConfig,
    "./baselines/momentum.ts",
  ),
  entry(
    "random-walk",
    "Predicts a zero return (no change in price) at every origin",
    randomWalkConfig,
    "./baselines/random_walk.ts",
  ),
  entry(
    "arimax",
    "ARIMAX(p,d,q) on past features, exact MLE via Kalman filter, order by AIC",
    arimaxConfig,
    "./baselines/arimax.ts",
  ),
  entry(
    "ridge",
    "Ridge regression on flattened input windows (matches scikit-learn Ridge)",
    ridgeConfig,
    "./baselines/ridge.ts",
  ),
  entry(
    "random-forest",
    "Random forest on flattened input windows (bootstrap, per-split feature sampling)",
    randomForestConfig,
    "./baselines/random_forest.ts",
  ),
  entry(
    "gradient-boosting",
    "Gradient-boosted regression trees on flattened input windows",
    gradientBoostingConfig,
    "./baselines/gradient_boosting.ts",
  ),
  entry(
    "garch",
    "GARCH(1,1) by maximum likelihood: constant-mean point, one-step variance forecasts",
    garchConfig,
    "./baselines/garch.ts",
  ),
  entry(
    "tft",
    "Temporal Fusion Transformer (Lim et al. 2021, pytorch-forecasting layout): variable " +
      "selection, static encoders, LSTM encoder/decoder, interpretable attention, quantiles",
    tftConfig,
    "./tft/spec.ts",
  ),
];

export const MODEL_CATALOG: ReadonlyMap<string, CatalogEntry> = new Map(
  entries.map((item) => [item.kind, item]),
);

export function catalogEntry(kind: string): CatalogEntry {
  const found = MODEL_CATALOG.get(kind);
  if (!found) {
    throw new Error(
      `unknown model kind "${kind}"; known kinds: ${[...MODEL_CATALOG.keys()].sort().join(", ")}`,
    );
  }
  return found;
}

/**
 * Imports the kind's module and returns its exported `ModelSpec` for that kind. The
 * specifier is a variable on purpose: the importer's static module graph (and so its
 * cache key) then holds no model implementation.
 */
export async function loadModelSpec(kind: string): Promise<ModelSpec<unknown>> {
  const { module } = catalogEntry(kind);
  const exports: Record<string, unknown> = await import(module);
  const spec = Object.values(exports).find((value): value is ModelSpec<unknown> =>
    typeof value === "object" && value !== null &&
    (value as ModelSpec<unknown>).kind === kind &&
    typeof (value as ModelSpec<unknown>).create === "function"
  );
  if (!spec) {
    throw new Error(
      `model kind "${kind}": ${module} exports no ModelSpec of that kind; ` +
        "fix the module URL in models/catalog.ts",
    );
  }
  return spec;
}
