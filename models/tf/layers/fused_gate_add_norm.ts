/**
 * pytorch-forecasting's `GateAddNorm` (plain form: no trainable add, skip as wide as the
 * output) as one op with a hand-written backward pass:
 *
 *   y = LayerNorm(GLU(x ⊙ m) + skip),  GLU(u) = (u·Wv + bv) ⊙ σ(u·Wg + bg)
 *
 * Autodiff of the GLU and the norm records ~60 kernels per call on wasm; this op runs ~8
 * forward and ~16 backward from the same pieces as the fused GRN (`fused_math.ts`; the add
 * & norm is one kernel each way on wasm, `norm_kernels.ts`). Layouts
 * as there: plain [N, ·] with [in, out] kernels and [out] vectors, or stacked [V, N, ·].
 * The dropout mask m (kept units scaled) is a constant of the step. Tests check this op
 * against autodiff of the composed formula.
 */
import * as tf from "@tensorflow/tfjs";
import { addNormForward } from "./norm_kernels.ts";
import { gluBackward, gluForward, type GluWeights, normBackward } from "./fused_math.ts";

export interface GateNormWeights extends GluWeights {
  gamma: tf.Tensor;
  beta: tf.Tensor;
}

export interface FusedGateAddNormInput {
  /** [N, in] or [V, N, in] */
  x: tf.Tensor;
  /** [N, out] or [V, N, out] */
  skip: tf.Tensor;
  weights: GateNormWeights;
  /** Dropout mask on x (kept units scaled), training only. */
  dropoutMask?: tf.Tensor | null;
}

const WEIGHTS = ["valueKernel", "valueBias", "gateKernel", "gateBias", "gamma", "beta"] as const;

/** LayerNorm(GLU(x ⊙ m) + skip), shaped as `skip`. */
export function fusedGateAddNorm(input: FusedGateAddNormInput): tf.Tensor {
  const mask = input.dropoutMask ?? null;
  const op = tf.customGrad(
    // deno-lint-ignore no-explicit-any
    ((...args: any[]) => {
      const save = args.pop();
      const [x, skip, ...list] = args as tf.Tensor[];
      const w = Object.fromEntries(
        WEIGHTS.map((k, i) => [k, list[i]]),
      ) as unknown as GateNormWeights;
      const glu = gluForward(mask ? tf.mul(x, mask) : x, w);
      const out = addNormForward(glu.y, skip, w.gamma, w.beta);
      const { input: dropped, value, gate } = glu.state;
      save([...list, dropped, value, gate, out.xhat, out.rstd, ...(mask ? [mask] : [])]);
      return {
        value: out.y,
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
          const w = Object.fromEntries(
            WEIGHTS.map((k, i) => [k, saved[i]]),
          ) as unknown as GateNormWeights;
          const [input, value, gate, xhat, rstd, m] = saved.slice(WEIGHTS.length);
          const top = normBackward(dy, { y: dy, xhat, rstd }, w.gamma);
          const g = gluBackward(top.dx, { input, value, gate }, w);
          return [
            m ? tf.mul(g.dInput, m) : g.dInput,
            top.dx,
            g.dValueKernel,
            g.dValueBias,
            g.dGateKernel,
            g.dGateBias,
            top.dGamma,
            top.dBeta,
          ];
        },
      };
      // deno-lint-ignore no-explicit-any
    }) as any,
  );
  return op(input.x, input.skip, ...WEIGHTS.map((k) => input.weights[k])) as tf.Tensor;
}
