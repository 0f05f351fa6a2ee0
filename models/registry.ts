/**
 * Every model kind, by name. The train task looks models up here, so the fold loop never
 * special-cases a model. Each model module exports its `ModelSpec`; add it to the list.
 */
import type { ModelSpec } from "./contract.ts";
import { lstmSpec } from "./lstm/lstm.ts";
import { clsTransformerSpec } from "./transformer/transformer.ts";
import { alwaysLongSpec } from "./baselines/always_long.ts";
import { historicalMeanSpec } from "./baselines/historical_mean.ts";
import { momentumSpec } from "./baselines/momentum.ts";
import { randomWalkSpec } from "./baselines/random_walk.ts";
import { arimaxSpec } from "./baselines/arimax.ts";
import { ridgeSpec } from "./baselines/ridge.ts";
import { randomForestSpec } from "./baselines/random_forest.ts";
import { gradientBoostingSpec } from "./baselines/gradient_boosting.ts";
import { garchSpec } from "./baselines/garch.ts";
import { tftSpec } from "./tft/spec.ts";

// deno-lint-ignore no-explicit-any
const specs: ModelSpec<any>[] = [
  lstmSpec,
  clsTransformerSpec,
  alwaysLongSpec,
  historicalMeanSpec,
  momentumSpec,
  randomWalkSpec,
  arimaxSpec,
  ridgeSpec,
  randomForestSpec,
  gradientBoostingSpec,
  garchSpec,
  tftSpec,
];

export const MODELS: ReadonlyMap<string, ModelSpec<unknown>> = new Map(
  specs.map((spec) => [spec.kind, spec]),
);

export function modelSpec(kind: string): ModelSpec<unknown> {
  const spec = MODELS.get(kind);
  if (!spec) {
    throw new Error(
      `unknown model kind "${kind}"; known kinds: ${[...MODELS.keys()].sort().join(", ")}`,
    );
  }
  return spec;
}
