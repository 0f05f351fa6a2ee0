/**
 * Where an `lstm` training step goes: one-epoch fits of its real fit path (the registered
 * spec, the shared trainer) under `tf.profile`, split into the matrix products and the
 * elementwise cell (`models/tf/layers/lstm_cell_wasm.ts`). Two fits, of `LSTM_PROFILED_STEPS`
 * and twice as many training steps, are profiled and subtracted, so what each fit does once
 * (building the network, the validation pass, the last predictions) cancels and what is left is
 * `LSTM_PROFILED_STEPS` training steps, comparable with PyTorch's step. The cell's forward takes
 * three σ and two tanh per value through `Math.exp` and `Math.tanh`, which keep its outputs the
 * same bits from release to release (a vectorised σ and tanh would move the last bits, and with
 * them every TFT and LSTM result). Products and cell together, divided by PyTorch's step, are
 * the ratio this backend would reach if everything else cost nothing.
 */
import { LSTM_CELL_GRAD_KERNEL, LSTM_CELL_KERNEL } from "../../models/tf/layers/lstm_cell_wasm.ts";
import { type KernelSplit, profileKernels } from "../kernels.ts";

/** Training steps the split measures (the difference between the two profiled fits). */
export const LSTM_PROFILED_STEPS = 8;

export interface LstmSplit {
  /** Calls of the cell's forward and backward kernels in `LSTM_PROFILED_STEPS` steps. */
  cellCalls: { forward: number; backward: number };
  /** Calls of the product kernels in those steps, and their floating-point operations. */
  productCalls: number;
  productFlops: number;
  /** Per training step: the products', the cell forward's and backward's kernel time. */
  productMs: number;
  cellForwardMs: number;
  cellBackwardMs: number;
  /** Shares of all kernels' time in those steps. */
  productShare: number;
  cellForwardShare: number;
  productGflops: number;
}

/**
 * Profiles `fit(steps)` (a one-epoch fit of that many training steps) at
 * `LSTM_PROFILED_STEPS` and twice that, after one unprofiled fit as warm-up, and returns
 * the difference.
 */
export async function profileLstm(fit: (steps: number) => Promise<unknown>): Promise<LstmSplit> {
  await fit(LSTM_PROFILED_STEPS);
  const once = await profileKernels(() => fit(LSTM_PROFILED_STEPS));
  const twice = await profileKernels(() => fit(2 * LSTM_PROFILED_STEPS));
  const kernel = (split: KernelSplit, name: string) =>
    split.byName.get(name) ?? { calls: 0, ms: 0 };
  const steps = (name: string) => {
    const [a, b] = [kernel(once, name), kernel(twice, name)];
    return { calls: b.calls - a.calls, ms: b.ms - a.ms };
  };
  const [forward, backward] = [steps(LSTM_CELL_KERNEL), steps(LSTM_CELL_GRAD_KERNEL)];
  const productMs = twice.productMs - once.productMs;
  const totalMs = twice.totalMs - once.totalMs;
  const productFlops = twice.productFlops - once.productFlops;
  const perStep = (ms: number) => ms / LSTM_PROFILED_STEPS;
  return {
    cellCalls: { forward: forward.calls, backward: backward.calls },
    productCalls: twice.productCalls - once.productCalls,
    productFlops,
    productMs: perStep(productMs),
    cellForwardMs: perStep(forward.ms),
    cellBackwardMs: perStep(backward.ms),
    productShare: productMs / totalMs,
    cellForwardShare: forward.ms / totalMs,
    productGflops: productFlops / productMs / 1e6,
  };
}
