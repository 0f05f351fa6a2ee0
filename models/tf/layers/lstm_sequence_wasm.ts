/**
 * The LSTM sequence op (`lstm_sequence.ts`) on wasm: the same recurrence and closed-form
 * backpropagation through time, with each step's elementwise cell one kernel per direction
 * (`lstm_cell_wasm.ts`) next to its recurrent matmul: 2 kernels a step forward and 2
 * backward, against 11 and 9 as tfjs ops. Inputs and output as {@link lstmSequence}'s op:
 * projections [T, B, 4H], h0, c0 [B, H], U [H, 4H] → [T + 1, B, H] (hidden states, then the
 * final cell state).
 */
import * as tf from "@tensorflow/tfjs";
import { LSTM_CELL_GRAD_KERNEL, LSTM_CELL_KERNEL } from "./lstm_cell_wasm.ts";

const cell = (projected: tf.Tensor, recurrent: tf.Tensor, c: tf.Tensor) =>
  tf.engine().runKernel(LSTM_CELL_KERNEL, { projected, recurrent, c }) as tf.Tensor[];

export const wasmSequence = tf.customGrad(
  // deno-lint-ignore no-explicit-any
  ((projected: tf.Tensor, h0: tf.Tensor, c0: tf.Tensor, recurrent: tf.Tensor, save: any) => {
    const steps = projected.shape[0];
    const inputs = steps === 1 ? [tf.reshape(projected, projected.shape.slice(1))] : tf.unstack(
      projected,
    );
    let [h, c] = [h0, c0];
    const [hs, cs, gates, tanhCs]: tf.Tensor[][] = [[], [], [], []];
    for (let t = 0; t < steps; t++) {
      const step = cell(inputs[t], tf.matMul(h as tf.Tensor2D, recurrent as tf.Tensor2D), c);
      [h, c] = step;
      hs.push(h);
      cs.push(c);
      gates.push(step[2]);
      tanhCs.push(step[3]);
    }
    save([h0, c0, recurrent, ...hs, ...cs, ...gates, ...tanhCs]);
    return {
      value: tf.stack([...hs, c]),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [savedH0, savedC0, u] = saved;
        const at = (k: number) => saved.slice(3 + k * steps, 3 + (k + 1) * steps);
        const [sh, sc, sg, stc] = [0, 1, 2, 3].map(at);
        const dys = tf.unstack(dy);
        let dh: tf.Tensor | null = null;
        let dc: tf.Tensor = dys[steps]; // gradient reaching the final cell state
        const dzs: tf.Tensor[] = new Array(steps);
        for (let t = steps - 1; t >= 0; t--) {
          const recurrentGrad: tf.NamedTensorMap = dh ? { dhNext: dh } : {};
          [dzs[t], dc] = tf.engine().runKernel(LSTM_CELL_GRAD_KERNEL, {
            dy: dys[t],
            ...recurrentGrad,
            dc,
            gates: sg[t],
            tanhC: stc[t],
            cPrev: t === 0 ? savedC0 : sc[t - 1],
          }) as tf.Tensor[];
          dh = tf.matMul(dzs[t] as tf.Tensor2D, u as tf.Tensor2D, false, true);
        }
        const previous = steps === 1 ? savedH0 : tf.concat([savedH0, ...sh.slice(0, -1)], 0);
        const dz = steps === 1 ? dzs[0] : tf.concat(dzs, 0); // [T·B, 4H]
        const dRecurrent = tf.matMul(previous as tf.Tensor2D, dz as tf.Tensor2D, true, false);
        return [tf.reshape(dz, projected.shape), dh!, dc, dRecurrent];
      },
    };
    // deno-lint-ignore no-explicit-any
  }) as any,
);
