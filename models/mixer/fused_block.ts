/**
 * One TSMixer residual block (`mixer_block.ts`) as a single op with a hand-written backward
 * pass, on x [B, L, C]:
 *
 *   a1 = WindowNorm₁(x);  u = ReLU(a1ᵀ · Wt + bt)        (rows: (sample, channel) pairs)
 *   r  = x + uᵀ ⊙ m_time
 *   a2 = WindowNorm₂(r);  h = ReLU(a2 · Wf + bf) ⊙ m_hidden  (rows: (sample, step) pairs)
 *   y  = r + (h · Wo + bo) ⊙ m_out
 *
 * Autodiff of the composed ops records ~130 kernels per block on wasm, where each kernel
 * costs microseconds whatever its size; this op runs ~30 forward and ~35 backward, most of them
 * reshapes, which copy nothing (`bench/mixers/step_profile.ts --each` lists them). On wasm each window norm is one kernel per direction
 * (`window_norm_wasm.ts`) and transposes use the SIMD tile kernel (`wasm_simd/transpose.ts`),
 * ~3× faster than tfjs's on the [B·L, ffDim] activations whose transposes the weight
 * gradients need (a matmul's right operand is repacked on every call, so the wide operand is
 * transposed to the left instead). Dropout masks (kept units scaled) are inputs, drawn by
 * the layer in the order the composed formulation drew them. Tests check this op against
 * autodiff of the composed formula (`tests/models/mixer/fused_block_test.ts`).
 */
import * as tf from "@tensorflow/tfjs";
import { transposeLastTwo } from "../tf/wasm_simd/transpose.ts";
import { windowNormBackward, windowNormForward } from "./window_norm.ts";

export const BLOCK_WEIGHTS = [
  "norm1Gamma",
  "norm1Beta",
  "timeKernel",
  "timeBias",
  "norm2Gamma",
  "norm2Beta",
  "ffKernel",
  "ffBias",
  "outKernel",
  "outBias",
] as const;
export type BlockWeightName = (typeof BLOCK_WEIGHTS)[number];
export type BlockWeights = Record<BlockWeightName, tf.Tensor>;

/** Inverted-dropout masks: time [B, L, C], hidden [B·L, ffDim], out [B·L, C]. */
export interface BlockMasks {
  time: tf.Tensor;
  hidden: tf.Tensor;
  out: tf.Tensor;
}

const MASKS = ["time", "hidden", "out"] as const;

/** [B, C, L] ↔ [B, L, C] */
const swap = (t: tf.Tensor, b: number, first: number, second: number) =>
  transposeLastTwo(tf.reshape(t, [b, first, second]));

/** aᵀ · b with a's transpose by the SIMD kernel (a matmul's transposeA uses tfjs's). */
const crossProduct = (a: tf.Tensor2D, b: tf.Tensor2D) => tf.matMul(transposeLastTwo(a), b);

/**
 * a · w + bias (then ReLU) as one wasm `_FusedMatMul` kernel. `tf.fused.matMul` splits it
 * into three kernels whenever gradients are being recorded, even inside this op's forward,
 * whose gradient is hand-written.
 */
function dense(a: tf.Tensor2D, w: tf.Tensor, bias: tf.Tensor, relu: boolean): tf.Tensor2D {
  const [rows, inner] = a.shape;
  const out = w.shape[1] as number;
  const result = tf.engine().runKernel("_FusedMatMul", {
    a: tf.reshape(a, [1, rows, inner]),
    b: tf.reshape(w, [1, inner, out]),
    bias,
  }, { transposeA: false, transposeB: false, activation: relu ? "relu" : "linear" });
  return tf.reshape(result as tf.Tensor, [rows, out]) as tf.Tensor2D;
}

/** The block's output for x [B, L, C]; `masks` null: no dropout. */
export function fusedMixerBlock(x: tf.Tensor3D, weights: BlockWeights, masks: BlockMasks | null) {
  const [b, l, c] = x.shape;
  const unpack = (list: tf.Tensor[]) => ({
    x: list[0],
    w: Object.fromEntries(BLOCK_WEIGHTS.map((name, i) => [name, list[1 + i]])) as BlockWeights,
    m: masks
      ? Object.fromEntries(
        MASKS.map((name, i) => [name, list[1 + BLOCK_WEIGHTS.length + i]]),
      ) as unknown as BlockMasks
      : null,
  });
  const op = tf.customGrad(
    // deno-lint-ignore no-explicit-any
    ((...args: any[]) => {
      const save = args.pop();
      const inputs = args as tf.Tensor[];
      const { x, w, m } = unpack(inputs);
      const flat = (t: tf.Tensor) => tf.reshape(t, [b, l * c]) as tf.Tensor2D;
      const row = (t: tf.Tensor) => tf.reshape(t, [l * c]);
      const norm1 = windowNormForward(flat(x), row(w.norm1Gamma), row(w.norm1Beta));
      const a1 = tf.reshape(swap(norm1.y, b, l, c), [b * c, l]) as tf.Tensor2D;
      const u = dense(a1, w.timeKernel, w.timeBias, true);
      const timeOut = swap(u, b, c, l);
      const r = tf.add(x, m ? tf.mul(timeOut, m.time) : timeOut);
      const norm2 = windowNormForward(flat(r), row(w.norm2Gamma), row(w.norm2Beta));
      const a2 = tf.reshape(norm2.y, [b * l, c]) as tf.Tensor2D;
      const hidden = dense(a2, w.ffKernel, w.ffBias, true);
      const h = m ? tf.mul(hidden, m.hidden) as tf.Tensor2D : hidden;
      const out = dense(h, w.outKernel, w.outBias, false);
      const y = tf.add(r, tf.reshape(m ? tf.mul(out, m.out) : out, [b, l, c]));
      // ReLU′ (times the dropout mask) of the hidden layer, for the backward pass.
      const keep = m ? tf.mul(tf.step(hidden), m.hidden) : tf.step(hidden);
      // Only what the gradient reads: saving a tensor costs a kernel and its bookkeeping.
      const needed = [w.norm1Gamma, w.timeKernel, w.norm2Gamma, w.ffKernel, w.outKernel];
      const kept = [norm1.state.xhat, norm1.state.rstd, a1, u, norm2.state.xhat];
      save([...needed, ...(m ? [m.time, m.out] : []), ...kept, norm2.state.rstd, a2, h, keep]);
      return {
        value: y,
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
          const [norm1Gamma, timeKernel, norm2Gamma, ffKernel, outKernel] = saved;
          const m = masks ? { time: saved[5], out: saved[6] } : null;
          const [xhat1, rstd1, a1, u, xhat2, rstd2, a2, h, keep] = saved.slice(m ? 7 : 5)
            .map((t) => t as tf.Tensor2D);
          // Feature mixing, from dy through the output and hidden layers. No [B·L, ffDim]
          // tensor is a matmul's right operand: wasm repacks it on every call (~1 ms).
          const dyRows = tf.reshape(dy, [b * l, c]) as tf.Tensor2D;
          const dOut = m ? tf.mul(dyRows, m.out) as tf.Tensor2D : dyRows;
          const dPre = tf.mul(tf.matMul(dOut, outKernel as tf.Tensor2D, false, true), keep);
          const dPreT = transposeLastTwo(dPre) as tf.Tensor2D;
          const dA2 = tf.matMul(dPre as tf.Tensor2D, ffKernel as tf.Tensor2D, false, true);
          const n2 = windowNormBackward(
            tf.reshape(dA2, [b, l * c]),
            { xhat: xhat2, rstd: rstd2 },
            row(norm2Gamma),
          );
          const dR = tf.add(tf.reshape(dy, [b, l * c]), n2.dx);
          // Time mixing, from the residual through the time MLP.
          const dTimeOut = m ? tf.mul(tf.reshape(dR, [b, l, c]), m.time) : dR;
          const dU = tf.reshape(swap(dTimeOut, b, l, c), [b * c, l]);
          const dTimePre = tf.mul(dU, tf.step(u)) as tf.Tensor2D;
          const dA1 = swap(tf.matMul(dTimePre, timeKernel as tf.Tensor2D, false, true), b, c, l);
          const n1 = windowNormBackward(
            tf.reshape(dA1, [b, l * c]),
            { xhat: xhat1, rstd: rstd1 },
            row(norm1Gamma),
          );
          const grads: BlockWeights = {
            norm1Gamma: tf.reshape(n1.dGamma, [l, c]),
            norm1Beta: tf.reshape(n1.dBeta, [l, c]),
            timeKernel: crossProduct(a1, dTimePre),
            timeBias: tf.sum(dTimePre, 0),
            norm2Gamma: tf.reshape(n2.dGamma, [l, c]),
            norm2Beta: tf.reshape(n2.dBeta, [l, c]),
            ffKernel: transposeLastTwo(tf.matMul(dPreT, a2)),
            // Row sums of dPreᵀ as a matmul with a ones column: faster than Sum on wasm.
            ffBias: tf.reshape(tf.matMul(dPreT, tf.ones([b * l, 1]) as tf.Tensor2D), [-1]),
            outKernel: crossProduct(h, dOut),
            outBias: tf.sum(dOut, 0),
          };
          const dx = tf.reshape(tf.add(dR, n1.dx), [b, l, c]);
          const maskGrads = masks ? MASKS.map((name) => tf.zeros(masks[name].shape)) : [];
          return [dx, ...BLOCK_WEIGHTS.map((name) => grads[name]), ...maskGrads];
        },
      };
      // deno-lint-ignore no-explicit-any
    }) as any,
  );
  const maskList = masks ? MASKS.map((name) => masks[name]) : [];
  return op(x, ...BLOCK_WEIGHTS.map((name) => weights[name]), ...maskList) as tf.Tensor3D;
}
