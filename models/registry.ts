/**
 * The one list of model kinds. A kind is registered by one line below: its config module
 * (zod only, it exports the kind's {@link ModelCard}), the module that exports its
 * {@link ModelSpec}, and a tiny configuration the contract suite (`tests/models/contract/`)
 * fits it with. A new kind touches its own folder and that line.
 *
 * Nothing here imports a kind statically: the config modules are imported when this module
 * loads, through variable specifiers, so `deno info` leaves them out of the static graph
 * of whoever imports the registry. The train task imports it and validates configs
 * synchronously, yet a train node's cache key covers only the kind it runs (the closure of
 * that kind's spec module, its config included), not every kind's config.
 */
import type { ModelCard, ModelSpec } from "./contract.ts";

/** A registered kind: its card, the module of its spec, and the contract suite's config. */
export interface RegisteredKind extends ModelCard {
  /** Absolute file: URL of the module that exports the kind's `ModelSpec`. */
  module: string;
  /** A small, fast configuration of the kind for the contract suite. */
  testConfig: Record<string, unknown>;
}

interface Registration {
  config: string;
  spec: string;
  testConfig: Record<string, unknown>;
}

/** `config` and `spec` are paths relative to this folder. */
const kind = (config: string, spec: string, testConfig: Record<string, unknown> = {}) => ({
  config: new URL(config, import.meta.url).href,
  spec: new URL(spec, import.meta.url).href,
  testConfig,
});

const tinyTraining = { epochs: 2, batchSize: 16 };

// deno-fmt-ignore
const REGISTRATIONS: Registration[] = [
  kind("./lstm/config.ts", "./lstm/lstm.ts", { layers: 1, units: 4, training: tinyTraining }),
  kind("./transformer/config.ts", "./transformer/transformer.ts", { dModel: 8, heads: 2, layers: 1, feedForward: 8, training: tinyTraining }),
  kind("./baselines/always_long_config.ts", "./baselines/always_long.ts"),
  kind("./baselines/historical_mean_config.ts", "./baselines/historical_mean.ts"),
  kind("./baselines/momentum_config.ts", "./baselines/momentum.ts"),
  kind("./baselines/random_walk_config.ts", "./baselines/random_walk.ts"),
  kind("./baselines/arimax_config.ts", "./baselines/arimax.ts", { exog: ["a"], p: [0, 1], q: [0, 1] }),
  kind("./baselines/ridge_config.ts", "./baselines/ridge.ts"),
  kind("./baselines/random_forest_config.ts", "./baselines/random_forest.ts", { trees: 5 }),
  kind("./baselines/gradient_boosting_config.ts", "./baselines/gradient_boosting.ts", { trees: 10 }),
  kind("./baselines/garch_config.ts", "./baselines/garch.ts"),
  kind("./tft/config.ts", "./tft/spec.ts", { hiddenSize: 8, attentionHeads: 2, hiddenContinuousSize: 4, training: tinyTraining }),
  kind("./mamba/config.ts", "./mamba/mamba.ts", { dModel: 8, layers: 1, dState: 4, training: tinyTraining }),
  kind("./tsmixer/config.ts", "./tsmixer/tsmixer.ts", { blocks: 1, ffDim: 4, training: tinyTraining }),
  kind("./multiscale_tsmixer/config.ts", "./multiscale_tsmixer/multiscale_tsmixer.ts", { blocks: 1, ffDim: 4, fuse: "gate", training: tinyTraining }),
];

const isCard = (value: unknown): value is ModelCard =>
  typeof value === "object" && value !== null &&
  typeof (value as ModelCard).kind === "string" &&
  typeof (value as ModelCard).description === "string" &&
  typeof (value as ModelCard).schema?.safeParse === "function";

async function registered(registration: Registration): Promise<RegisteredKind> {
  const exports: Record<string, unknown> = await import(registration.config);
  const cards = Object.values(exports).filter(isCard);
  if (cards.length !== 1) {
    throw new Error(
      `models/registry.ts: ${registration.config} exports ${cards.length} model cards ` +
        "({ kind, description, schema }); a kind's config module exports exactly one",
    );
  }
  const [card] = cards;
  return {
    kind: card.kind,
    description: card.description,
    schema: card.schema,
    module: registration.spec,
    testConfig: registration.testConfig,
  };
}

function byKind(kinds: RegisteredKind[]): ReadonlyMap<string, RegisteredKind> {
  const map = new Map<string, RegisteredKind>();
  for (const item of kinds) {
    if (map.has(item.kind)) {
      throw new Error(`models/registry.ts: model kind "${item.kind}" is registered twice`);
    }
    map.set(item.kind, item);
  }
  return map;
}

/** Every registered kind by name, in registration order. */
export const MODEL_KINDS: ReadonlyMap<string, RegisteredKind> = byKind(
  await Promise.all(REGISTRATIONS.map(registered)),
);

export function registeredKind(kind: string): RegisteredKind {
  const found = MODEL_KINDS.get(kind);
  if (!found) {
    throw new Error(
      `unknown model kind "${kind}"; known kinds: ${[...MODEL_KINDS.keys()].sort().join(", ")}`,
    );
  }
  return found;
}

/**
 * Imports the kind's spec module and returns its exported `ModelSpec` of that kind, whose
 * schema must be the card's. The specifier is a variable on purpose: the importer's static
 * module graph (and so its cache key) then holds no model implementation.
 */
export async function loadModelSpec(kind: string): Promise<ModelSpec<unknown>> {
  const { module, schema } = registeredKind(kind);
  const exports: Record<string, unknown> = await import(module);
  const spec = Object.values(exports).find((value): value is ModelSpec<unknown> =>
    typeof value === "object" && value !== null &&
    (value as ModelSpec<unknown>).kind === kind &&
    typeof (value as ModelSpec<unknown>).create === "function"
  );
  if (!spec) {
    throw new Error(
      `model kind "${kind}": ${module} exports no ModelSpec of that kind; ` +
        "fix its registration line in models/registry.ts",
    );
  }
  if (spec.schema !== schema) {
    throw new Error(
      `model kind "${kind}": the spec in ${module} has another schema than its config ` +
        "module's card; spread the card into the spec (`...<name>Kind`)",
    );
  }
  return spec;
}
