/**
 * Where an `lstm` training step goes: a few steps of its real fit path (the registered spec,
 * the shared trainer) under `tf.profile`, split into the matrix products and the elementwise
 * cell (`models/tf/layers/lstm_cell_wasm.ts`). The cell's forward takes three σ and two tanh
 * per value through `Math.exp` and `Math.tanh`, which are what make its outputs bit-identical
 * from release to release (a vectorised σ and tanh would differ in the last bits, and with
 * them every TFT and LSTM result). Products and cell together, divided by PyTorch's step,
 * are the ratio this backend would reach if everything else cost nothing.
 */
import { LSTM_CELL_GRAD_KERNEL, LSTM_CELL_KERNEL } from "../../models/tf/layers/lstm_cell_wasm.ts";
import { profileKernels } from "../kernels.ts";

/** Training steps in the profiled epoch (its validation pass is profiled too). */
export const PROFILED_STEPS = 8;

export interface LstmSplit {
  /** Calls of the cell's forward and backward kernels in the profiled epoch. */
  cellCalls: { forward: number; backward: number };
  /** Per training step: the products', the cell forward's and backward's kernel time. */
  productMs: number;
  cellForwardMs: number;
  cellBackwardMs: number;
  /** Shares of all kernels' time. */
  productShare: number;
  cellForwardShare: number;
  productGflops: number;
}

/**
 * Profiles `epoch` (one epoch of `PROFILED_STEPS` training steps) after running it once
 * unprofiled as warm-up.
 */
export async function profileLstm(epoch: () => Promise<void>): Promise<LstmSplit> {
  await epoch();
  const split = await profileKernels(epoch);
  const perStep = (ms: number) => ms / PROFILED_STEPS;
  const none = { calls: 0, ms: 0 };
  const forward = split.byName.get(LSTM_CELL_KERNEL) ?? none;
  const backward = split.byName.get(LSTM_CELL_GRAD_KERNEL) ?? none;
  return {
    cellCalls: { forward: forward.calls, backward: backward.calls },
    productMs: perStep(split.productMs),
    cellForwardMs: perStep(forward.ms),
    cellBackwardMs: perStep(backward.ms),
    productShare: split.productMs / split.totalMs,
    cellForwardShare: forward.ms / split.totalMs,
    productGflops: split.productFlops / split.productMs / 1e6,
  };
}
