/**
 * `deno task bench transformer`: the `cls-transformer` kind at the CLS-Transformer guide's
 * size (432,257 parameters; 1,948 windows × 60 steps × 10 features, batch 64, d_model 128,
 * 8 heads, 3 layers, feed-forward 256) on wasm: training seconds per epoch, ms per step and
 * inference ms per batch, beside the PyTorch reference of the same architecture and
 * parameter count (`torch_reference.py`, single-threaded) run just before it, and their
 * ratio (target: at most 1.5× PyTorch per epoch, issue 18).
 *
 * The epoch is the shared trainer's (seeded shuffle, mini-batches with the partial last one
 * kept, MSE, clipping at 1, Adam with decoupled weight decay), no validation set; the figure
 * is the median of the timed epochs after one warm-up epoch, as the reference's. Inference
 * is the median of no-grad forward passes over the first full batches, read back. Both
 * sides also report CPU seconds per epoch (their whole process's), whose ratio a busy shared
 * machine disturbs less than the wall-time one.
 *
 * Where this machine's WebAssembly fuses multiply-add (`models/tf/wasm_simd/fma_probe.ts`)
 * the same epochs run again on the opt-in `wasm-fma` backend, with their own rows and ratio.
 */
import process from "node:process";
import * as tf from "@tensorflow/tfjs";
import { type BenchResult, median } from "../result.ts";
import { type BackendName, initBackend } from "../../models/tf/backend.ts";
import { cpuBackends } from "../machine.ts";
import { makeLoss } from "../../models/tf/losses.ts";
import { trainNetwork } from "../../models/tf/trainer.ts";
import { trainable } from "../../models/tf/shell/model.ts";
import type { Network } from "../../models/tf/shell/kind.ts";
import { buildClsTransformer } from "../../models/transformer/network.ts";
import {
  benchData,
  GUIDE_PRESET,
  presetConfig,
  presetShape,
  type TransformerPreset,
} from "./data.ts";
import { PROFILED_STEPS, profileProducts } from "./products.ts";
import { runTorchReference } from "./torch.ts";

/** A finfusion epoch at the guide's size takes ~20–45 s here: 1 warm-up + 2 timed. */
const TIMED_EPOCHS = 2;
const INFER_BATCHES = 10;
/** Issue 18's goal: at most 1.5× PyTorch's seconds per epoch. */
export const RATIO_TARGET = 1.5;

export interface TransformerFigures {
  secPerEpoch: number;
  cpuSecPerEpoch: number;
  msPerStep: number;
  inferMsPerBatch: number;
  params: number;
}

/** The kind's network at the preset's sizes (seed 0); the caller disposes `model`. */
export function presetNetwork(preset: TransformerPreset): Network {
  return buildClsTransformer(presetConfig(preset), presetShape(preset), 0);
}

async function inferenceMs(network: Network, past: tf.Tensor, batch: number): Promise<number> {
  const times: number[] = [];
  const full = Math.min(Math.floor(past.shape[0] / batch), INFER_BATCHES);
  for (let i = 0; i < full; i++) {
    const began = performance.now();
    const output = tf.tidy(() => network.forward([past.slice(i * batch, batch)], false));
    await output.data();
    output.dispose();
    times.push(performance.now() - began);
  }
  return median(times);
}

export async function timeTransformer(
  preset: TransformerPreset,
  timedEpochs: number,
  backend: BackendName = "wasm",
): Promise<TransformerFigures> {
  await initBackend(backend);
  const data = benchData(preset, 0);
  const network = presetNetwork(preset);
  const config = presetConfig(preset).training;
  const seconds: number[] = [];
  const cpuSeconds: number[] = [];
  let cpu = process.cpuUsage();
  try {
    await trainNetwork(trainable(network, 0, { mean: 0, std: 1 }), {
      train: data,
      validation: null,
    }, {
      config: {
        ...config,
        epochs: 1 + timedEpochs,
        batchSize: preset.batch,
        earlyStoppingPatience: 100,
      },
      loss: makeLoss({ name: "mse" }),
      seed: 0,
      onEpoch: (_record, _epochs, epochSeconds) => {
        const used = process.cpuUsage(cpu);
        cpu = process.cpuUsage();
        seconds.push(epochSeconds);
        cpuSeconds.push((used.user + used.system) / 1e6);
      },
    });
    const secPerEpoch = median(seconds.slice(1));
    return {
      secPerEpoch,
      cpuSecPerEpoch: median(cpuSeconds.slice(1)),
      msPerStep: (1000 * secPerEpoch) / Math.ceil(preset.windows / preset.batch),
      inferMsPerBatch: await inferenceMs(network, data.inputs[0], preset.batch),
      params: network.model.countParams(),
    };
  } finally {
    network.model.dispose();
    tf.dispose([...data.inputs, data.target]);
  }
}

/** PyTorch, then finfusion on each backend, back to back; throws when parameter counts differ. */
export async function benchTransformer(
  preset: TransformerPreset,
  timedEpochs = TIMED_EPOCHS,
): Promise<BenchResult[]> {
  const run = await runTorchReference(preset, timedEpochs);
  const torch = "figures" in run ? run.figures : null;
  const p = `cls-transformer ${preset.name}`;
  const results: BenchResult[] = [];
  for (const backend of cpuBackends()) {
    const ours = await timeTransformer(preset, timedEpochs, backend);
    if (torch && torch.params !== ours.params) {
      throw new Error(
        `bench/transformer: the PyTorch reference has ${torch.params} parameters, finfusion's ` +
          `network ${ours.params}; make torch_reference.py build the same architecture`,
      );
    }
    const base = `${preset.windows} windows × ${preset.steps} × ${preset.features}, batch ` +
      `${preset.batch}, d ${preset.dModel}, ${preset.heads} heads, ${preset.layers} layers, ff ` +
      `${preset.feedForward}, head ${preset.headUnits}; ${ours.params} parameters` +
      `${torch ? ` (torch ${torch.params})` : ""}; median of ${timedEpochs} epochs after 1 warm-up`;
    results.push(
      {
        name: `${p} ${backend}: train s/epoch`,
        value: ours.secPerEpoch,
        unit: "s",
        ...(torch ? { target: RATIO_TARGET * torch.secPerEpoch } : {}),
        notes: `${base}${
          torch
            ? `; target ${RATIO_TARGET}× torch`
            : `; ${"unavailable" in run ? run.unavailable : ""}`
        }`,
      },
      {
        name: `${p} ${backend}: train ms/step`,
        value: ours.msPerStep,
        unit: "ms",
        ...(torch ? { target: RATIO_TARGET * torch.msPerStep } : {}),
      },
      {
        name: `${p} ${backend}: inference ms/batch`,
        value: ours.inferMsPerBatch,
        unit: "ms",
        notes: `cpu ${ours.cpuSecPerEpoch.toFixed(2)} s/epoch in training`,
      },
    );
    const products = await profileProducts(preset, backend);
    results.push({
      name: `${p} ${backend}: matrix products ms/step`,
      value: products.msPerStep,
      unit: "ms",
      notes: `${(100 * products.shareOfKernels).toFixed(0)}% of the kernels' time, at ` +
        `${products.gflops.toFixed(1)} GFLOP/s, the transposes they make of their operands ` +
        `included (tf.profile of ${PROFILED_STEPS} steps)`,
    });
    if (!torch) continue;
    results.push(
      {
        name: `${p} ${backend}: matrix products alone / torch step`,
        value: products.msPerStep / torch.msPerStep,
        unit: "x",
        notes: "the ratio if every other kernel and the JavaScript around them cost nothing",
      },
      {
        name: `${p} ${backend} / torch: s/epoch ratio`,
        value: ours.secPerEpoch / torch.secPerEpoch,
        unit: "x",
        target: RATIO_TARGET,
        notes: `torch ${torch.torch}, 1 thread; torch loadavg ${torch.loadavg.toFixed(2)}`,
      },
      {
        name: `${p} ${backend} / torch: cpu s/epoch ratio`,
        value: ours.cpuSecPerEpoch / torch.cpuSecPerEpoch,
        unit: "x",
        notes: "CPU seconds of each process per training epoch (less disturbed by other load)",
      },
    );
  }
  if (!torch) return results;
  results.push(
    {
      name: `torch ${preset.name}: train s/epoch`,
      value: torch.secPerEpoch,
      unit: "s",
      notes: `${torch.msPerStep.toFixed(1)} ms/step, cpu ${torch.cpuSecPerEpoch.toFixed(2)} ` +
        `s/epoch, ${torch.params} parameters`,
    },
    { name: `torch ${preset.name}: inference ms/batch`, value: torch.inferMsPerBatch, unit: "ms" },
  );
  return results;
}

export async function bench(): Promise<BenchResult[]> {
  return await benchTransformer(GUIDE_PRESET);
}
