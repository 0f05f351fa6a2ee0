/**
 * Every model kind as the train task sees it: description, config schema and the module
 * that exports its `ModelSpec`, without importing any model implementation. Only the
 * zod-only config modules are imported, so the train task validates configs when a DAG
 * loads, names the one module a node runs (its cache key covers that module's closure, not
 * every model's), and loads that module when the node runs.
 *
 * A kind's name and description live in its config module (`<name>Kind`), beside its
 * schema; the spec spreads the same object. `models/registry.ts` holds the same kinds as a
 * static map of specs (tests, benchmarks); `tests/models/catalog_test.ts` keeps the two in
 * step. Add a kind to both.
 */
import type { z } from "zod";
import type { ModelSpec } from "./contract.ts";
import { alwaysLongConfig, alwaysLongKind } from "./baselines/always_long_config.ts";
import { arimaxConfig, arimaxKind } from "./baselines/arimax_config.ts";
import { garchConfig, garchKind } from "./baselines/garch_config.ts";
import {
  gradientBoostingConfig,
  gradientBoostingKind,
} from "./baselines/gradient_boosting_config.ts";
import { historicalMeanConfig, historicalMeanKind } from "./baselines/historical_mean_config.ts";
import { momentumConfig, momentumKind } from "./baselines/momentum_config.ts";
import { randomForestConfig, randomForestKind } from "./baselines/random_forest_config.ts";
import { randomWalkConfig, randomWalkKind } from "./baselines/random_walk_config.ts";
import { ridgeConfig, ridgeKind } from "./baselines/ridge_config.ts";
import { lstmConfig, lstmKind } from "./lstm/config.ts";
import { tftConfig, tftKind } from "./tft/config.ts";
import { clsTransformerConfig, clsTransformerKind } from "./transformer/config.ts";

export interface CatalogEntry {
  kind: string;
  description: string;
  /** The kind's config schema: the very object its `ModelSpec.schema` is. */
  schema: z.ZodType<unknown>;
  /** Absolute file: URL of the module that exports the kind's `ModelSpec`. */
  module: string;
}

/** `about` is the kind's name and description as its config module exports them. */
const entry = (
  about: { kind: string; description: string },
  schema: z.ZodType<unknown>,
  path: string,
): CatalogEntry => ({ ...about, schema, module: new URL(path, import.meta.url).href });

const entries: CatalogEntry[] = [
  entry(lstmKind, lstmConfig, "./lstm/lstm.ts"),
  entry(clsTransformerKind, clsTransformerConfig, "./transformer/transformer.ts"),
  entry(alwaysLongKind, alwaysLongConfig, "./baselines/always_long.ts"),
  entry(historicalMeanKind, historicalMeanConfig, "./baselines/historical_mean.ts"),
  entry(momentumKind, momentumConfig, "./baselines/momentum.ts"),
  entry(randomWalkKind, randomWalkConfig, "./baselines/random_walk.ts"),
  entry(arimaxKind, arimaxConfig, "./baselines/arimax.ts"),
  entry(ridgeKind, ridgeConfig, "./baselines/ridge.ts"),
  entry(randomForestKind, randomForestConfig, "./baselines/random_forest.ts"),
  entry(gradientBoostingKind, gradientBoostingConfig, "./baselines/gradient_boosting.ts"),
  entry(garchKind, garchConfig, "./baselines/garch.ts"),
  entry(tftKind, tftConfig, "./tft/spec.ts"),
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
