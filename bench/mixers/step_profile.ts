/**
 * Kernel profile of one `tsmixer` training step on wasm, with the `bench mixers/epoch`
 * preset's shapes (batch 64, L 60, 8 features, ffDim 64, 2 blocks) and the shared trainer's
 * real step (`trainStep`: loss and gradients, the gradient-norm diagnostic, clipping, flat
 * Adam). Kernel counts do not depend on the machine's load; the times do.
 *
 *   deno run -A bench/mixers/step_profile.ts [--top 25] [--steps 20] [--profiles 10] [--each]
 *
 * Prints kernels per step and their summed time (each kernel's fastest over the profiled
 * steps, robust to other load), the median and fastest step, and the kernels by total time.
 */
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../models/tf/backend.ts";
import { FlatAdam } from "../../models/tf/flat_adam.ts";
import { gradientGroups } from "../../models/tf/grad_norms.ts";
import { makeLoss } from "../../models/tf/losses.ts";
import { trainStep } from "../../models/tf/train_step.ts";
import { patchWasmSlicingIfActive } from "../../models/tf/wasm_slice_fix.ts";
import { SeededRandom } from "../../models/tf/rng.ts";
import { buildMixerNetwork } from "../../models/mixer/kind_network.ts";
import { tsmixerConfig } from "../../models/tsmixer/config.ts";
import { isKernel } from "../kernels.ts";
import { median } from "../result.ts";
import { EPOCH_PRESETS, presetShape } from "./epoch.ts";

export interface StepProfile {
  /** Kernels per step, not counting the ops and scopes the profile lists around them. */
  kernelsPerStep: number;
  /** Sum of the kernels' fastest times. */
  kernelMs: number;
  medianStepMs: number;
  /** Fastest timed step: the least disturbed by other load on the machine. */
  minStepMs: number;
  /** Kernel name → [calls, total ms] in the profiled step. */
  byKernel: Map<string, [number, number]>;
  /** Every kernel of the profiled step in order: name, input shapes, ms. */
  kernels: { name: string; shapes: string; ms: number }[];
}

/** Times `steps` training steps, then profiles `profiles` more, kernel by kernel. */
export async function profileMixerStep(steps = 20, profiles = 10): Promise<StepProfile> {
  await initBackend("wasm");
  patchWasmSlicingIfActive();
  const p = EPOCH_PRESETS.find((preset) => preset.kind === "tsmixer")!;
  const config = tsmixerConfig.parse({ ffDim: p.width, blocks: p.layers, dropout: 0 });
  const network = buildMixerNetwork(
    { kind: "tsmixer", config, paths: (length) => [{ length, every: 1 }], fuse: "concat" },
    presetShape(p),
    0,
  );
  const variables = network.model.trainableWeights.map((w) => w.read() as tf.Variable);
  const rng = new SeededRandom(1);
  const normal = (n: number) => Float32Array.from({ length: n }, () => rng.normal());
  const x = tf.tensor3d(normal(p.batch * p.length * p.features), [p.batch, p.length, p.features]);
  const y = tf.tensor2d(normal(p.batch), [p.batch, 1]);
  const optimizer = new FlatAdam(variables, { learningRate: 1e-3 });
  const options = {
    network: {
      predict: (inputs: tf.Tensor[], training: boolean) => network.forward(inputs, training),
    },
    loss: makeLoss({ name: "mse" }),
    optimizer,
    variables,
    groups: gradientGroups(variables, network),
    learningRate: 1e-3,
    weightDecay: 0,
    clipNorm: 1,
  };
  const step = () => {
    const result = trainStep(options, [x], y);
    const loss = result.weightedLoss.dataSync()[0];
    tf.dispose([result.weightedLoss, result.gradRatio ?? []]);
    return loss;
  };
  try {
    step();
    const ms: number[] = [];
    for (let i = 0; i < steps; i++) {
      const began = performance.now();
      step();
      ms.push(performance.now() - began);
    }
    // The same kernels run in the same order every step: each kernel's fastest time over
    // several profiled steps is its cost with the least interference from other load.
    let kernels: { name: string; shapes: string; ms: number }[] = [];
    for (let i = 0; i < profiles; i++) {
      const info = await tf.profile(() => {
        step();
      });
      if (i === 0) {
        kernels = info.kernels.map((k) => ({
          name: k.name,
          shapes: k.inputShapes.map((s) => `[${s}]`).join(" "),
          ms: Infinity,
        }));
      }
      info.kernels.forEach((k, j) => {
        kernels[j].ms = Math.min(kernels[j].ms, Number(k.kernelTimeMs) || 0);
      });
    }
    const leaves = kernels.filter(isKernel);
    const byKernel = new Map<string, [number, number]>();
    for (const k of leaves) {
      const entry = byKernel.get(k.name) ?? [0, 0];
      entry[0] += 1;
      entry[1] += k.ms;
      byKernel.set(k.name, entry);
    }
    return {
      kernelsPerStep: leaves.length,
      kernelMs: leaves.reduce((sum, k) => sum + k.ms, 0),
      medianStepMs: median(ms),
      minStepMs: Math.min(...ms),
      byKernel,
      kernels,
    };
  } finally {
    tf.dispose([x, y]);
    optimizer.dispose();
    network.model.dispose();
  }
}

if (import.meta.main) {
  const arg = (name: string, fallback: number) => {
    const i = Deno.args.indexOf(name);
    return i >= 0 ? Number(Deno.args[i + 1]) : fallback;
  };
  const profile = await profileMixerStep(arg("--steps", 20), arg("--profiles", 10));
  console.log(
    `tsmixer training step: ${profile.kernelsPerStep} kernels taking ` +
      `${profile.kernelMs.toFixed(2)} ms (each kernel's fastest of the profiled steps); step ` +
      `median ${profile.medianStepMs.toFixed(2)} ms, fastest ${profile.minStepMs.toFixed(2)} ms`,
  );
  const rows = [...profile.byKernel].sort((a, b) => b[1][1] - a[1][1]);
  for (const [name, [calls, ms]] of rows.slice(0, arg("--top", 25))) {
    console.log(`${name.padEnd(24)} ${String(calls).padStart(5)} ${ms.toFixed(2).padStart(8)} ms`);
  }
  if (Deno.args.includes("--each")) {
    for (const k of profile.kernels) console.log(`${k.ms.toFixed(3)} ${k.name} ${k.shapes}`);
  }
}
