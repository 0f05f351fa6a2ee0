/**
 * The interpretable multi-head attention (`interpretable.ts`) as one op with a hand-written
 * backward pass, on q [B, Tq, hidden] and kv [B, Tk, hidden]:
 *
 *   Q = q·Wq + bq, K = kv·Wk + bk (per head, d wide), V = kv·Wv + bv (shared by the heads)
 *   P = softmax(Q·Kᵀ / √d + mask) per head, Pg = P ⊙ gate[b, head] (regime gates, optional)
 *   heads = Pg·V ⊙ m_heads;  y = (mean over heads)·Wo ⊙ m_out
 *
 * Autodiff of the composed ops records ~80 kernels per training step on wasm (each with
 * tape bookkeeping and copies of saved tensors); this op runs ~30 forward and ~40 backward.
 * The additive mask ([Tq, Tk], or [B, 1, Tq, Tk] with the staleness penalty) and the
 * dropout masks are constants of the step (no gradient). {@link attentionForward} is the
 * same forward without the op around it, for inference, where the attention weights are
 * wanted too. Tests check this op against autodiff of the composed formula.
 */
import * as tf from "@tensorflow/tfjs";

export interface AttentionParams {
  /** [hidden, heads·d] and [heads·d] */
  query: tf.Tensor;
  queryBias: tf.Tensor;
  key: tf.Tensor;
  keyBias: tf.Tensor;
  /** [hidden, d] and [d] */
  value: tf.Tensor;
  valueBias: tf.Tensor;
  /** [d, hidden] */
  output: tf.Tensor;
}

/** The weight inputs, in the order the kernel takes them after q and kv. */
export const PARAMS = [
  "query",
  "queryBias",
  "key",
  "keyBias",
  "value",
  "valueBias",
  "output",
] as const;

export interface AttentionInputs {
  q: tf.Tensor;
  kv: tf.Tensor;
  params: AttentionParams;
  heads: number;
  /** Additive mask (0 keeps, −1e9 hides), [Tq, Tk] or [B, 1, Tq, Tk]. */
  mask: tf.Tensor;
  /** Per-sample head gates [B, heads] multiplying each head's weights, or null. */
  gates?: tf.Tensor | null;
  /** Inverted-dropout masks (kept units scaled): heads [B, heads, Tq, d], output [B, Tq, hidden]. */
  headMask?: tf.Tensor | null;
  outputMask?: tf.Tensor | null;
}

interface HeadShape {
  batch: number;
  tq: number;
  n: number;
  d: number;
}

/** [B·Tq, n·d] → [B·n, Tq, d]: one reshape when Tq = 1, else reshape, transpose, reshape. */
function headsFirst(t: tf.Tensor, { batch, tq, n, d }: HeadShape): tf.Tensor {
  if (tq === 1) return tf.reshape(t, [batch * n, 1, d]);
  return tf.reshape(tf.transpose(tf.reshape(t, [batch, tq, n, d]), [0, 2, 1, 3]), [
    batch * n,
    tq,
    d,
  ]);
}

/** The inverse of {@link headsFirst}: [B·n, Tq, d] → [B·Tq, n·d]. */
function rowsFirst(t: tf.Tensor, { batch, tq, n, d }: HeadShape): tf.Tensor {
  if (tq === 1) return tf.reshape(t, [batch, n * d]);
  return tf.reshape(tf.transpose(tf.reshape(t, [batch, n, tq, d]), [0, 2, 1, 3]), [
    batch * tq,
    n * d,
  ]);
}

interface Forward {
  /** [B, Tq, hidden] */
  output: tf.Tensor;
  /** [B, heads, Tq, Tk], gated */
  weights: tf.Tensor;
  /** What the backward pass reads. */
  state: tf.Tensor[];
}

/** The forward pass (plain ops: differentiable by autodiff too). */
export function attentionForward(inputs: AttentionInputs): Forward {
  const { q, kv, params: w, heads: n, mask } = inputs;
  const [batch, tq, hidden] = q.shape as number[];
  const tk = kv.shape[1] as number;
  const d = (w.value.shape as number[])[1];
  const q2 = tf.reshape(q, [batch * tq, hidden]) as tf.Tensor2D;
  const kv2 = tf.reshape(kv, [batch * tk, hidden]) as tf.Tensor2D;
  const project = (x: tf.Tensor2D, kernel: tf.Tensor, bias: tf.Tensor) =>
    tf.add(tf.matMul(x, kernel as tf.Tensor2D), bias);
  const queries = headsFirst(project(q2, w.query, w.queryBias), { batch, tq, n, d });
  const keys = tf.reshape(
    tf.transpose(tf.reshape(project(kv2, w.key, w.keyBias), [batch, tk, n, d]), [0, 2, 3, 1]),
    [batch * n, d, tk],
  );
  const values = tf.reshape(project(kv2, w.value, w.valueBias), [batch, tk, d]);
  const scores = tf.mul(tf.matMul(queries as tf.Tensor3D, keys as tf.Tensor3D), 1 / Math.sqrt(d));
  const probs = tf.softmax(tf.add(tf.reshape(scores, [batch, n, tq, tk]), mask));
  const gated = inputs.gates ? tf.mul(probs, tf.reshape(inputs.gates, [batch, n, 1, 1])) : probs;
  const flatGated = tf.reshape(gated, [batch, n * tq, tk]);
  const headOut = tf.matMul(flatGated as tf.Tensor3D, values as tf.Tensor3D);
  // mean over heads (and head dropout) as one weighted sum: scale = m_heads / n or 1 / n
  const scale = inputs.headMask
    ? tf.mul(inputs.headMask, 1 / n)
    : tf.fill([1, n, 1, 1], 1 / n, "float32");
  const average = tf.sum(tf.mul(tf.reshape(headOut, [batch, n, tq, d]), scale), 1);
  const average2 = tf.reshape(average, [batch * tq, d]) as tf.Tensor2D;
  let output = tf.reshape(tf.matMul(average2, w.output as tf.Tensor2D), [batch, tq, hidden]);
  if (inputs.outputMask) output = tf.mul(output, inputs.outputMask);
  return {
    output,
    weights: gated,
    state: [q2, kv2, queries, keys, values, probs, flatGated, scale, average2],
  };
}

/** The attention output [B, Tq, hidden], differentiated by hand. */
export function fusedAttention(inputs: AttentionInputs): tf.Tensor {
  const { heads: n, mask, headMask, outputMask } = inputs;
  const gates = inputs.gates ?? null;
  const [batch, tq, hidden] = inputs.q.shape as number[];
  const tk = inputs.kv.shape[1] as number;
  const d = (inputs.params.value.shape as number[])[1];
  const op = tf.customGrad(
    // deno-lint-ignore no-explicit-any
    ((...args: any[]) => {
      const save = args.pop();
      const list = args as tf.Tensor[];
      const params = Object.fromEntries(PARAMS.map((k, i) => [k, list[2 + i]]));
      const forward = attentionForward({
        q: list[0],
        kv: list[1],
        params: params as unknown as AttentionParams,
        heads: n,
        mask,
        gates: gates ? list[2 + PARAMS.length] : null,
        headMask,
        outputMask,
      });
      // the forward's temporaries are disposed: the backward reads only what is saved
      const masks = outputMask ? [outputMask] : [];
      save([...list, ...forward.state, ...masks]);
      return {
        value: forward.output,
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
          const w = Object.fromEntries(PARAMS.map((k, i) => [k, saved[2 + i]]));
          const g = gates ? saved[2 + PARAMS.length] : null;
          const [q2, kv2, queries, keys, values, probs, flatGated, scale, average2, outMask] = saved
            .slice(list.length);
          const dOut = tf.reshape(outMask ? tf.mul(dy, outMask) : dy, [batch * tq, hidden]);
          const dWo = tf.matMul(average2 as tf.Tensor2D, dOut as tf.Tensor2D, true, false);
          const dAverage = tf.matMul(dOut as tf.Tensor2D, w.output as tf.Tensor2D, false, true);
          const dHeads = tf.reshape(
            tf.mul(tf.reshape(dAverage, [batch, 1, tq, d]), scale),
            [batch, n * tq, d],
          ) as tf.Tensor3D;
          const dGated = tf.reshape(
            tf.matMul(dHeads, values as tf.Tensor3D, false, true),
            [batch, n, tq, tk],
          );
          const dValues = tf.reshape(
            tf.matMul(flatGated as tf.Tensor3D, dHeads, true, false),
            [batch * tk, d],
          );
          let dProbs = dGated;
          const extra: tf.Tensor[] = [];
          if (g) {
            extra.push(tf.sum(tf.mul(dGated, probs), [2, 3]));
            dProbs = tf.mul(dGated, tf.reshape(g, [batch, n, 1, 1]));
          }
          // softmax: dS = P ⊙ (dP − Σ dP ⊙ P), then the 1/√d of the scores
          const rowDot = tf.sum(tf.mul(dProbs, probs), -1, true);
          const dScores = tf.reshape(
            tf.mul(tf.mul(probs, tf.sub(dProbs, rowDot)), 1 / Math.sqrt(d)),
            [batch * n, tq, tk],
          ) as tf.Tensor3D;
          const dQueries = tf.matMul(dScores, keys as tf.Tensor3D, false, true); // [B·n, Tq, d]
          const dKeys = tf.matMul(queries as tf.Tensor3D, dScores, true, false); // [B·n, d, Tk]
          const dQ = rowsFirst(dQueries, { batch, tq, n, d }) as tf.Tensor2D;
          const dK = tf.reshape(
            tf.transpose(tf.reshape(dKeys, [batch, n, d, tk]), [0, 3, 1, 2]),
            [batch * tk, n * d],
          ) as tf.Tensor2D;
          const dV = dValues as tf.Tensor2D;
          const back = (dy: tf.Tensor2D, kernel: tf.Tensor) =>
            tf.matMul(dy, kernel as tf.Tensor2D, false, true);
          const dq = back(dQ, w.query);
          const dkv = tf.add(back(dK, w.key), back(dV, w.value));
          const grads: Record<(typeof PARAMS)[number], tf.Tensor> = {
            query: tf.matMul(q2 as tf.Tensor2D, dQ, true, false),
            queryBias: tf.sum(dQ, 0),
            key: tf.matMul(kv2 as tf.Tensor2D, dK, true, false),
            keyBias: tf.sum(dK, 0),
            value: tf.matMul(kv2 as tf.Tensor2D, dV, true, false),
            valueBias: tf.sum(dV, 0),
            output: dWo,
          };
          return [
            tf.reshape(dq, [batch, tq, hidden]),
            tf.reshape(dkv, [batch, tk, hidden]),
            ...PARAMS.map((k) => grads[k]),
            ...extra,
          ];
        },
      };
      // deno-lint-ignore no-explicit-any
    }) as any,
  );
  const params = PARAMS.map((k) => inputs.params[k]);
  return op(inputs.q, inputs.kv, ...params, ...(gates ? [gates] : [])) as tf.Tensor;
}
