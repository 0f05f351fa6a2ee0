/**
 * `deno task bench tft`: TFT training seconds per epoch and ms per step for the weekly
 * (520 samples, encoder 12, batch 16) and daily (2,500 samples, encoder 20, batch 64)
 * presets, beside the PyTorch reference run with the same configuration on the same
 * machine, back to back, and their ratio (target: at most 2× PyTorch's "loop" VSN, the
 * architecture as usually written; the "batched" VSN is shown as a tuned lower bound).
 *
 * The epoch is the shared trainer's (seeded shuffle, mini-batches with the partial last
 * one kept, quantile loss, clipping at 0.1, Adam), timed over 5 epochs after 1 warm-up
 * epoch (median), as the reference does. Backends: wasm, plus webgpu when a hardware
 * adapter exists; FINFUSION_BENCH_BACKENDS=wasm,cpu,… overrides. Each figure is the median
 * over FINFUSION_BENCH_ROUNDS (default 2) interleaved rounds.
 */
import * as tf from "@tensorflow/tfjs";
import { type BenchResult, median } from "../result.ts";
import { type BackendName, initBackend, probeWebGpu } from "../../models/tf/backend.ts";
import { makeLoss } from "../../models/tf/losses.ts";
import { trainNetwork } from "../../models/tf/trainer.ts";
import { BENCH_HYPER, BENCH_PRESETS, benchData, type BenchPreset, benchShape } from "./data.ts";
import { runTorchReference, type TorchFigures } from "./torch.ts";
import { buildTft, trainableTft } from "../../models/tft/build.ts";

const TIMED_EPOCHS = 5;

interface TftFigures {
  secPerEpoch: number;
  msPerStep: number;
  inferMsPerBatch: number;
  params: number;
}

/**
 * Median ms of a no-grad forward pass on each full batch, its output read back (with
 * `await data()`: webgpu cannot read synchronously in Deno).
 */
async function inferenceMs(
  built: ReturnType<typeof buildTft>,
  inputs: tf.Tensor[],
  batch: number,
): Promise<number> {
  const times: number[] = [];
  for (let start = 0; start + batch <= inputs[0].shape[0]; start += batch) {
    const began = performance.now();
    const output = tf.tidy(() =>
      built.layer.forward(inputs.map((x) => x.slice(start, batch)), false).output
    );
    await output.data();
    output.dispose();
    times.push(performance.now() - began);
  }
  return median(times);
}

export async function timeTft(preset: BenchPreset, backend: BackendName): Promise<TftFigures> {
  await initBackend(backend);
  const data = benchData(preset, 0);
  const built = buildTft(benchShape(preset), BENCH_HYPER, 0);
  const seconds: number[] = [];
  try {
    await trainNetwork(trainableTft(built, 1, { mean: 0, std: 1 }), {
      train: data,
      validation: null,
    }, {
      config: {
        epochs: 1 + TIMED_EPOCHS,
        batchSize: preset.batch,
        learningRate: 1e-3,
        weightDecay: 0,
        clipNorm: 0.1,
        plateau: { patience: 100, factor: 0.5, minLearningRate: 0 },
        earlyStoppingPatience: 100,
        checkpointSelection: "val-loss",
      },
      loss: makeLoss({ name: "quantile", quantiles: [0.1, 0.5, 0.9] }),
      seed: 0,
      onEpoch: (_record, _epochs, epochSeconds) => seconds.push(epochSeconds),
    });
    const secPerEpoch = median(seconds.slice(1));
    return {
      secPerEpoch,
      msPerStep: (1000 * secPerEpoch) / Math.ceil(preset.samples / preset.batch),
      inferMsPerBatch: await inferenceMs(built, data.inputs, preset.batch),
      params: built.model.countParams(),
    };
  } finally {
    built.model.dispose();
    tf.dispose([...data.inputs, data.target]);
  }
}

async function backends(): Promise<BackendName[]> {
  const chosen = Deno.env.get("FINFUSION_BENCH_BACKENDS");
  if (chosen) return chosen.split(",").map((b) => b.trim() as BackendName);
  return (await probeWebGpu()).usable ? ["wasm", "webgpu"] : ["wasm"];
}

function medianFigures<T extends object>(runs: T[]): T {
  const keys = Object.keys(runs[0]) as (keyof T)[];
  return Object.fromEntries(
    keys.map((
      k,
    ) => [
      k,
      typeof runs[0][k] === "number" ? median(runs.map((r) => r[k] as number)) : runs.at(-1)![k],
    ]),
  ) as T;
}

async function benchPreset(preset: BenchPreset, rounds: number): Promise<BenchResult[]> {
  const torch: Record<"loop" | "batched", TorchFigures[]> = { loop: [], batched: [] };
  const tft: Record<string, TftFigures[]> = {};
  let unavailable = "";
  const names = await backends();
  for (let round = 0; round < rounds; round++) {
    for (const vsn of ["loop", "batched"] as const) {
      const run = await runTorchReference(preset, vsn, TIMED_EPOCHS);
      if ("figures" in run) torch[vsn].push(run.figures);
      else unavailable = run.unavailable;
    }
    for (const backend of names) (tft[backend] ??= []).push(await timeTft(preset, backend));
  }
  const p = preset.name;
  const loop = torch.loop.length ? medianFigures(torch.loop) : null;
  const batched = torch.batched.length ? medianFigures(torch.batched) : null;
  const results: BenchResult[] = [];
  const load = loop ? `; torch loadavg ${loop.loadavg.join(" → ")}` : "";
  for (const backend of names) {
    const ours = medianFigures(tft[backend]);
    const base =
      `${preset.samples} samples, encoder ${preset.encoderLength}, batch ${preset.batch}, ` +
      `${ours.params} parameters, median of ${rounds} rounds`;
    results.push(
      {
        name: `tft ${p} ${backend}: train s/epoch`,
        value: ours.secPerEpoch,
        unit: "s",
        ...(loop ? { target: 2 * loop.secPerEpoch } : {}),
        notes: `${base}${loop ? "; target 2× torch loop" : `; ${unavailable}`}`,
      },
      {
        name: `tft ${p} ${backend}: train ms/step`,
        value: ours.msPerStep,
        unit: "ms",
        ...(loop ? { target: 2 * loop.msPerStep } : {}),
      },
      { name: `tft ${p} ${backend}: inference ms/batch`, value: ours.inferMsPerBatch, unit: "ms" },
    );
    if (loop) {
      results.push({
        name: `tft ${p} ${backend} / torch loop: s/epoch ratio`,
        value: ours.secPerEpoch / loop.secPerEpoch,
        unit: "x",
        target: 2,
        notes: `torch ${loop.torch}${load}`,
      });
    }
    if (batched) {
      results.push({
        name: `tft ${p} ${backend} / torch batched: s/epoch ratio`,
        value: ours.secPerEpoch / batched.secPerEpoch,
        unit: "x",
      });
    }
  }
  for (const [vsn, figures] of [["loop", loop], ["batched", batched]] as const) {
    if (!figures) continue;
    results.push(
      {
        name: `torch ${p} ${vsn}: train s/epoch`,
        value: figures.secPerEpoch,
        unit: "s",
        notes:
          `${figures.msPerStep.toFixed(1)} ms/step, cpu ${figures.cpuSecPerEpoch.toFixed(3)} ` +
          `s/epoch, ${figures.params} parameters`,
      },
      { name: `torch ${p} ${vsn}: inference ms/batch`, value: figures.inferMsPerBatch, unit: "ms" },
    );
  }
  return results;
}

export async function bench(): Promise<BenchResult[]> {
  const rounds = Number(Deno.env.get("FINFUSION_BENCH_ROUNDS") ?? 2);
  const results: BenchResult[] = [];
  for (const preset of [BENCH_PRESETS.weekly, BENCH_PRESETS.daily]) {
    results.push(...await benchPreset(preset, rounds));
  }
  return results;
}
