/**
 * How much of a CLS Transformer training step is matrix products: a few steps of the shared
 * trainer under `tf.profile`, the products' kernels (`BatchMatMul`, `_FusedMatMul`) summed
 * per step, with their floating-point rate from the kernels' shapes. Divided by PyTorch's
 * whole step it is the ratio this backend would reach if every other kernel and all the
 * JavaScript around them cost nothing: the floor that only faster product kernels lower.
 * Their time includes the transposes they make of their own operands
 * (`models/tf/wasm_matmul_fix.ts`), so the GFLOP/s are the kernels', not the GEMM's alone.
 */
import * as tf from "@tensorflow/tfjs";
import { type BackendName, initBackend } from "../../models/tf/backend.ts";
import { makeLoss } from "../../models/tf/losses.ts";
import { trainNetwork } from "../../models/tf/trainer.ts";
import { trainable } from "../../models/tf/shell/model.ts";
import { buildClsTransformer } from "../../models/transformer/network.ts";
import { profileKernels } from "../kernels.ts";
import { benchData, presetConfig, presetShape, type TransformerPreset } from "./data.ts";

export const PROFILED_STEPS = 4;

export interface ProductFigures {
  /** The products' kernel time per training step. */
  msPerStep: number;
  /** Their share of all kernels' time in the profiled steps. */
  shareOfKernels: number;
  gflops: number;
}

/** Profiles `PROFILED_STEPS` training steps (after one unprofiled epoch as warm-up). */
export async function profileProducts(
  preset: TransformerPreset,
  backend: BackendName,
): Promise<ProductFigures> {
  await initBackend(backend);
  const small = { ...preset, windows: PROFILED_STEPS * preset.batch };
  const data = benchData(small, 0);
  const network = buildClsTransformer(presetConfig(small), presetShape(small), 0);
  const config = {
    ...presetConfig(small).training,
    epochs: 1,
    batchSize: small.batch,
    earlyStoppingPatience: 100,
  };
  const epoch = () =>
    trainNetwork(trainable(network, 0, { mean: 0, std: 1 }), { train: data, validation: null }, {
      config,
      loss: makeLoss({ name: "mse" }),
      seed: 0,
    });
  try {
    await epoch();
    const split = await profileKernels(epoch);
    return {
      msPerStep: split.productMs / PROFILED_STEPS,
      shareOfKernels: split.productMs / split.totalMs,
      gflops: split.productFlops / split.productMs / 1e6,
    };
  } finally {
    network.model.dispose();
    tf.dispose([...data.inputs, data.target]);
  }
}
