/**
 * One LSTM layer over a whole sequence as a single op with a hand-written backward pass
 * (backpropagation through time). tfjs's autodiff records ~30 kernels per step, each with
 * bookkeeping, and copies every saved tensor; here a step costs ~12 kernels forward and
 * ~14 backward with no tape, which halves the LSTM's share of a TFT training step on wasm.
 *
 * Gates follow torch (i, f, g, o): c' = σ(f)·c + σ(i)·tanh(g), h' = σ(o)·tanh(c').
 * Inputs: the input projections of all steps (x·W_ih + b, [T, B, 4H]), the initial state
 * h0, c0 [B, H] and the recurrent kernel U [H, 4H]. Output [T + 1, B, H]: the hidden state
 * of every step, then the final cell state.
 */
import * as tf from "@tensorflow/tfjs";

/** Per-unit constants turning activated gates a into their derivative: A + a·(B − a). */
function derivativeConstants(hidden: number): [tf.Tensor, tf.Tensor] {
  const a = new Float32Array(4 * hidden);
  const b = new Float32Array(4 * hidden).fill(1);
  a.fill(1, 2 * hidden, 3 * hidden); // tanh block: 1 − g²
  b.fill(0, 2 * hidden, 3 * hidden); // sigmoid blocks: s·(1 − s)
  return [tf.tensor1d(a), tf.tensor1d(b)];
}

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
    const gates: tf.Tensor[] = [];
    const tanhCs: tf.Tensor[] = [];
    for (let t = 0; t < steps; t++) {
      const z = tf.add(inputs[t], tf.matMul(h as tf.Tensor2D, recurrent as tf.Tensor2D));
      const [zi, zf, zg, zo] = tf.split(z, 4, 1);
      const [i, f, g, o] = [tf.sigmoid(zi), tf.sigmoid(zf), tf.tanh(zg), tf.sigmoid(zo)];
      c = tf.add(tf.mul(f, c), tf.mul(i, g));
      const tanhC = tf.tanh(c);
      h = tf.mul(o, tanhC);
      gates.push(tf.concat([i, f, g, o], 1));
      hs.push(h);
      cs.push(c);
      tanhCs.push(tanhC);
    }
    save([h0, c0, recurrent, ...hs, ...cs, ...gates, ...tanhCs]);
    return {
      value: tf.stack([...hs, c]),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [savedH0, savedC0, u] = saved;
        const at = (k: number) => saved.slice(3 + k * steps, 3 + (k + 1) * steps);
        const [sh, sc, sg, stc] = [at(0), at(1), at(2), at(3)];
        const [constA, constB] = derivativeConstants(hidden);
        const dys = tf.unstack(dy);
        let dh: tf.Tensor | null = null;
        let dc: tf.Tensor = dys[steps]; // gradient reaching the final cell state
        const dzs: tf.Tensor[] = new Array(steps);
        for (let t = steps - 1; t >= 0; t--) {
          const dhT = dh ? tf.add(dys[t], dh) : dys[t];
          const [i, f, g, o] = tf.split(sg[t], 4, 1);
          const tanhC = stc[t];
          const cPrev = t > 0 ? sc[t - 1] : savedC0;
          dc = tf.add(dc, tf.mul(tf.mul(dhT, o), tf.sub(1, tf.square(tanhC))));
          const dActivated = tf.concat(
            [tf.mul(dc, g), tf.mul(dc, cPrev), tf.mul(dc, i), tf.mul(dhT, tanhC)],
            1,
          );
          const derivative = tf.add(constA, tf.mul(sg[t], tf.sub(constB, sg[t])));
          dzs[t] = tf.mul(dActivated, derivative);
          dh = tf.matMul(dzs[t] as tf.Tensor2D, u as tf.Tensor2D, false, true);
          dc = tf.mul(dc, f);
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
  const packed = sequence(projected, h0, c0, recurrent) as tf.Tensor; // [T + 1, B, H]
  const parts = tf.unstack(packed);
  return {
    hidden: tf.stack(parts.slice(0, steps)),
    h: parts[steps - 1],
    c: parts[steps],
  };
}
