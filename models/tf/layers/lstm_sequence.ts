/**
 * One LSTM layer over a whole sequence as a single op with a hand-written backward pass
 * (backpropagation through time). tfjs's autodiff records ~30 kernels per step, each with
 * bookkeeping, and copies every saved tensor; here a step costs 11 kernels forward and 9
 * backward with no tape (what the backward needs from the forward alone is computed for all
 * steps at once), which more than halves the LSTM's share of a TFT training step on wasm.
 *
 * Gates follow torch (i, f, g, o): c' = σ(f)·c + σ(i)·tanh(g), h' = σ(o)·tanh(c').
 * Inputs: the input projections of all steps (x·W_ih + b, [T, B, 4H]), the initial state
 * h0, c0 [B, H] and the recurrent kernel U [H, 4H]. Output [T + 1, B, H]: the hidden state
 * of every step, then the final cell state. On wasm the op of `lstm_sequence_wasm.ts` runs
 * instead: the same maths with each step's cell one kernel per direction.
 */
import * as tf from "@tensorflow/tfjs";
import { wasmSequence } from "./lstm_sequence_wasm.ts";

/** Per-unit constants turning activated gates a into their derivative: A + a·(B − a). */
function derivativeConstants(hidden: number): [tf.Tensor, tf.Tensor] {
  const a = new Float32Array(4 * hidden);
  const b = new Float32Array(4 * hidden).fill(1);
  a.fill(1, 2 * hidden, 3 * hidden); // tanh block: 1 − g²
  b.fill(0, 2 * hidden, 3 * hidden); // sigmoid blocks: s·(1 − s)
  return [tf.tensor1d(a), tf.tensor1d(b)];
}

/** Joins per-step [B, ·] tensors into [T·B, ·] (one kernel), and splits them back. */
const joined = (ts: tf.Tensor[]) => (ts.length === 1 ? ts[0] : tf.concat(ts, 0));
const bySteps = (t: tf.Tensor, steps: number) => (steps === 1 ? [t] : tf.split(t, steps, 0));

const sequence = tf.customGrad(
  // deno-lint-ignore no-explicit-any
  ((projected: tf.Tensor, h0: tf.Tensor, c0: tf.Tensor, recurrent: tf.Tensor, save: any) => {
    const steps = projected.shape[0];
    const hidden = recurrent.shape[0];
    const inputs = steps === 1 ? [tf.squeeze(projected, [0])] : tf.unstack(projected);
    let h = h0;
    let c = c0;
    const hs: tf.Tensor[] = [];
    const cs: tf.Tensor[] = [];
    // activated gates per step, kept apart (the backward joins each over all steps at once)
    const gates: tf.Tensor[][] = [[], [], [], []];
    const tanhCs: tf.Tensor[] = [];
    for (let t = 0; t < steps; t++) {
      const z = tf.add(inputs[t], tf.matMul(h as tf.Tensor2D, recurrent as tf.Tensor2D));
      // σ and tanh over all four blocks (two kernels, not four), each split to the gates it gives
      const [i, f, , o] = tf.split(tf.sigmoid(z), 4, 1);
      const g = tf.split(tf.tanh(z), 4, 1)[2];
      c = tf.add(tf.mul(f, c), tf.mul(i, g));
      const tanhC = tf.tanh(c);
      h = tf.mul(o, tanhC);
      [i, f, g, o].forEach((gate, k) => gates[k].push(gate));
      hs.push(h);
      cs.push(c);
      tanhCs.push(tanhC);
    }
    save([h0, c0, recurrent, ...hs, ...cs, ...gates.flat(), ...tanhCs]);
    return {
      value: tf.stack([...hs, c]),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [savedH0, savedC0, u] = saved;
        const at = (k: number) => saved.slice(3 + k * steps, 3 + (k + 1) * steps);
        const [sh, sc, si, sf, sg, so, stc] = [0, 1, 2, 3, 4, 5, 6].map(at);
        const [constA, constB] = derivativeConstants(hidden);
        // What depends on the forward alone, for all steps at once (a few kernels in all
        // rather than a few per step; elementwise, so the same floats as step by step):
        // the activations' derivatives, 1 − tanh²(c), and the partners of dc and dh in
        // d(activated gates) = [dc·g, dc·c_prev, dc·i, dh·tanh(c)].
        const activated = tf.concat([joined(si), joined(sf), joined(sg), joined(so)], 1);
        const derivative = bySteps(
          tf.add(constA, tf.mul(activated, tf.sub(constB, activated))),
          steps,
        );
        const tanhC = joined(stc);
        const tanhGrad = bySteps(tf.sub(1, tf.square(tanhC)), steps);
        const cPrev = joined([savedC0, ...sc.slice(0, steps - 1)]);
        const partners = bySteps(
          tf.concat([joined(sg), cPrev, joined(si), tanhC], 1),
          steps,
        );
        const dys = tf.unstack(dy);
        let dh: tf.Tensor | null = null;
        let dc: tf.Tensor = dys[steps]; // gradient reaching the final cell state
        const dzs: tf.Tensor[] = new Array(steps);
        for (let t = steps - 1; t >= 0; t--) {
          const dhT = dh ? tf.add(dys[t], dh) : dys[t];
          dc = tf.add(dc, tf.mul(tf.mul(dhT, so[t]), tanhGrad[t]));
          const dActivated = tf.mul(tf.concat([dc, dc, dc, dhT], 1), partners[t]);
          dzs[t] = tf.mul(dActivated, derivative[t]);
          dh = tf.matMul(dzs[t] as tf.Tensor2D, u as tf.Tensor2D, false, true);
          dc = tf.mul(dc, sf[t]);
        }
        const previous = tf.concat([savedH0, ...sh.slice(0, steps - 1)], 0); // [T·B, H]
        const dz = tf.concat(dzs, 0); // [T·B, 4H]
        const dRecurrent = tf.matMul(previous as tf.Tensor2D, dz as tf.Tensor2D, true, false);
        return [tf.reshape(dz, projected.shape), dh!, dc, dRecurrent];
      },
    };
    // deno-lint-ignore no-explicit-any
  }) as any,
);

/** Runs the layer; returns hidden states [T, B, H] and the final (h, c). */
export function lstmSequence(
  projected: tf.Tensor,
  h0: tf.Tensor,
  c0: tf.Tensor,
  recurrent: tf.Tensor,
): { hidden: tf.Tensor; h: tf.Tensor; c: tf.Tensor } {
  const steps = projected.shape[0];
  const op = tf.getBackend() === "wasm" && projected.dtype === "float32" ? wasmSequence : sequence;
  const packed = op(projected, h0, c0, recurrent) as tf.Tensor; // [T + 1, B, H]
  const parts = tf.unstack(packed);
  return {
    hidden: tf.stack(parts.slice(0, steps)),
    h: parts[steps - 1],
    c: parts[steps],
  };
}
