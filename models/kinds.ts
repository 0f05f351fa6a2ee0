/**
 * The one list of model kinds: a kind is registered by one line below — its config module
 * (zod only, it exports the kind's card), the module that exports its `ModelSpec`, and a tiny
 * configuration the contract suite (`tests/models/contract/`) fits it with. A new kind touches
 * its own folder and that line.
 *
 * `models/registry.ts` imports this module through a variable specifier, so it is in no task's
 * static module graph: adding a kind changes no existing node's cache key (a fit's key covers
 * the spec module of the kind it runs, which the train task names for each node).
 */

export interface Registration {
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
export const REGISTRATIONS: Registration[] = [
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
  kind("./baselines/realised_vol_config.ts", "./baselines/realised_vol.ts"),
  kind("./tft/config.ts", "./tft/spec.ts", { hiddenSize: 8, attentionHeads: 2, hiddenContinuousSize: 4, training: tinyTraining }),
  kind("./mamba/config.ts", "./mamba/mamba.ts", { dModel: 8, layers: 1, dState: 4, training: tinyTraining }),
  kind("./tsmixer/config.ts", "./tsmixer/tsmixer.ts", { blocks: 1, ffDim: 4, training: tinyTraining }),
  kind("./multiscale_tsmixer/config.ts", "./multiscale_tsmixer/multiscale_tsmixer.ts", { blocks: 1, ffDim: 4, fuse: "gate", training: tinyTraining }),
  kind("./market_gpt/config.ts", "./market_gpt/market_gpt.ts", { dModel: 8, heads: 2, layers: 1, feedForward: 8, training: tinyTraining }),
];
