/**
 * `deno task bench mixers/epoch`: training seconds per epoch of the `mamba`, `tsmixer` and
 * `lstm` kinds through their real fit path (the registered spec, the neural shell, the shared
 * trainer on wasm) beside the PyTorch reference (`torch_reference.py`, single-threaded) with
 * the same shapes and parameter count, on the same machine back to back, and their ratio
 * (target: at most 2× PyTorch). An epoch is the trainer's: shuffled mini-batches, MSE,
 * clipping, Adam, then the validation pass; the figure is the median of the timed epochs
 * after one warm-up epoch. Where this machine's WebAssembly fuses multiply-add, each kind also
 * runs on the opt-in `wasm-fma` backend, with its own rows and ratio. The LSTM's rows add its
 * step split into matrix products and cell (`lstm_split.ts`): their sum over PyTorch's step is
 * the ratio no other speed-up can beat.
 */
import { type BenchResult, median } from "../result.ts";
import { type BackendName, initBackend } from "../../models/tf/backend.ts";
import { cpuBackends } from "../machine.ts";
import { loadModelSpec } from "../../models/registry.ts";
import { buildMambaNetwork } from "../../models/mamba/network.ts";
import type { MambaConfig } from "../../models/mamba/config.ts";
import { buildMixerNetwork } from "../../models/mixer/kind_network.ts";
import type { TsmixerConfig } from "../../models/tsmixer/config.ts";
import { buildLstmNetwork } from "../../models/lstm/network.ts";
import type { LstmConfig } from "../../models/lstm/config.ts";
import { benchFold } from "./fold.ts";
import { runMixerReference } from "./torch.ts";
import { LSTM_PROFILED_STEPS, profileLstm } from "./lstm_split.ts";

export interface EpochPreset {
  kind: "mamba" | "tsmixer" | "lstm";
  train: number;
  validation: number;
  length: number;
  features: number;
  batch: number;
  /** d_model (mamba), ffDim (tsmixer) or units (lstm). */
  width: number;
  layers: number;
  /**
   * Epochs timed after the warm-up, on each side. A TSMixer epoch lasts ~0.2–0.4 s, so a
   * median of 3 moved the ratio by ±0.25 between runs on an idle machine; 11 steadies it.
   */
  timedEpochs: number;
}

export const EPOCH_PRESETS: EpochPreset[] = [
  {
    kind: "mamba",
    train: 256,
    validation: 64,
    length: 60,
    features: 8,
    batch: 32,
    width: 32,
    layers: 2,
    timedEpochs: 3,
  },
  {
    kind: "tsmixer",
    train: 2000,
    validation: 64,
    length: 60,
    features: 8,
    batch: 64,
    width: 64,
    layers: 2,
    timedEpochs: 11,
  },
  {
    // The daily studies' baseline (3 × 64, 20 days of history), half of daily-tft's fit time.
    kind: "lstm",
    train: 2000,
    validation: 64,
    length: 20,
    features: 8,
    batch: 64,
    width: 64,
    layers: 3,
    timedEpochs: 3,
  },
];

function kindConfig(p: EpochPreset, epochs: number): Record<string, unknown> {
  const training = {
    epochs,
    batchSize: p.batch,
    clipNorm: 1,
    earlyStoppingPatience: 1000,
    plateau: { patience: 1000 },
  };
  if (p.kind === "mamba") {
    return { dModel: p.width, layers: p.layers, dropout: 0, scan: "parallel", training };
  }
  if (p.kind === "lstm") return { units: p.width, layers: p.layers, dropout: 0, training };
  return { ffDim: p.width, blocks: p.layers, dropout: 0, training };
}

/** The fold shape a preset's network is built for (past features only, one step ahead). */
export function presetShape(p: EpochPreset) {
  return { staticSize: 0, pastSize: p.features, knownSize: 0, encoderLength: p.length, horizon: 1 };
}

/** Parameters of the network the kind builds for the preset's fold shape. */
function paramCount(p: EpochPreset, config: unknown): number {
  const shape = presetShape(p);
  const network = p.kind === "mamba"
    ? buildMambaNetwork(config as MambaConfig, shape, 0)
    : p.kind === "lstm"
    ? buildLstmNetwork(config as LstmConfig, shape, 0)
    : buildMixerNetwork(
      {
        kind: "tsmixer",
        config: config as TsmixerConfig,
        paths: (length) => [{ length, every: 1 }],
        fuse: "concat",
      },
      shape,
      0,
    );
  const count = network.model.countParams();
  network.model.dispose();
  return count;
}

/**
 * Fits the preset's kind for `epochs` epochs on its synthetic fold (`train` origins overrides
 * the preset's) through the registered spec, calling `onEpoch` with each epoch's seconds;
 * returns the kind's parsed configuration.
 */
export async function fitPreset(
  p: EpochPreset,
  options: { backend: BackendName; epochs: number; train?: number },
  onEpoch: (seconds: number) => void = () => {},
): Promise<unknown> {
  await initBackend(options.backend);
  const spec = await loadModelSpec(p.kind);
  const config = spec.schema.parse(kindConfig(p, options.epochs));
  const model = spec.create(config, { seed: 0, backend: options.backend });
  const fold = benchFold({
    train: options.train ?? p.train,
    validation: p.validation,
    encoderLength: p.length,
    features: p.features,
    horizon: 1,
  });
  try {
    await model.fit(fold, { onEpoch: (_record, _epochs, s) => onEpoch(s) });
  } finally {
    model.dispose?.();
  }
  return config;
}

/** finfusion's seconds per epoch and parameter count for a preset. */
export async function timeKind(
  p: EpochPreset,
  backend: BackendName = "wasm",
): Promise<{ secPerEpoch: number; params: number }> {
  const seconds: number[] = [];
  const config = await fitPreset(p, { backend, epochs: 1 + p.timedEpochs }, (s) => seconds.push(s));
  return { secPerEpoch: median(seconds.slice(1)), params: paramCount(p, config) };
}

export async function bench(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const p of EPOCH_PRESETS) {
    const ours = [];
    for (const backend of cpuBackends()) ours.push({ backend, ...await timeKind(p, backend) });
    const torch = await runMixerReference(p, p.timedEpochs);
    const shape = `${p.train} samples + ${p.validation} validation, L ${p.length}, ` +
      `${p.features} features, batch ${p.batch}, ${ours[0].params} parameters`;
    for (const { backend, secPerEpoch } of ours) {
      results.push({
        name: `${p.kind} ${backend}: train s/epoch`,
        value: secPerEpoch,
        unit: "s",
        notes: shape,
      });
    }
    if ("unavailable" in torch) {
      results.push({
        name: `${p.kind} torch: train s/epoch`,
        value: NaN,
        unit: "s",
        notes: torch.unavailable,
      });
      continue;
    }
    if (torch.params !== ours[0].params) {
      throw new Error(
        `bench/mixers: the PyTorch ${p.kind} has ${torch.params} parameters, finfusion's ` +
          `${ours[0].params}; make bench/mixers/torch_reference.py build the same network`,
      );
    }
    results.push({
      name: `${p.kind} torch: train s/epoch`,
      value: torch.secPerEpoch,
      unit: "s",
      notes: `torch ${torch.version}, 1 thread`,
    });
    for (const { backend, secPerEpoch } of ours) {
      results.push({
        name: `${p.kind} ${backend} / torch: s/epoch ratio`,
        value: secPerEpoch / torch.secPerEpoch,
        unit: "x",
        target: 2,
        notes: "same shapes and parameter count, back to back",
      });
    }
    if (p.kind !== "lstm") continue;
    const torchStepMs = (1000 * torch.secPerEpoch) / Math.ceil(p.train / p.batch);
    for (const { backend } of ours) results.push(...await lstmSplitRows(p, backend, torchStepMs));
  }
  return results;
}

/** The LSTM step's products and cell, and their ratio to PyTorch's whole step. */
async function lstmSplitRows(
  p: EpochPreset,
  backend: BackendName,
  torchStepMs: number,
): Promise<BenchResult[]> {
  const split = await profileLstm((steps) =>
    fitPreset(p, { backend, epochs: 1, train: steps * p.batch })
  );
  const percent = (share: number) => `${(100 * share).toFixed(0)}% of the kernels' time`;
  return [
    {
      name: `${p.kind} ${backend}: matrix products ms/step`,
      value: split.productMs,
      unit: "ms",
      notes: `${percent(split.productShare)}, at ${split.productGflops.toFixed(1)} GFLOP/s ` +
        `(tf.profile: a fit of ${2 * LSTM_PROFILED_STEPS} training steps less one of ` +
        `${LSTM_PROFILED_STEPS})`,
    },
    {
      name: `${p.kind} ${backend}: cell forward ms/step`,
      value: split.cellForwardMs,
      unit: "ms",
      notes: `${percent(split.cellForwardShare)}: three σ and two tanh per value through ` +
        `Math.exp and Math.tanh (the backward cell: ${split.cellBackwardMs.toFixed(1)} ms)`,
    },
    {
      name: `${p.kind} ${backend}: products and cell forward alone / torch step`,
      value: (split.productMs + split.cellForwardMs) / torchStepMs,
      unit: "x",
      notes: "the ratio if every other kernel and the JavaScript around them cost nothing",
    },
  ];
}
