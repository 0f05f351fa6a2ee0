/**
 * The gated residual network's forward pass as one op with a hand-written backward pass:
 *
 *   h1 = x·W1 + b1 (+ context projection) → a1 = ELU(h1) → h2 = a1·W2 + b2 → dropout
 *   → GLU → LayerNorm(GLU + skip), skip = x or ResampleNorm(x)
 *
 * Autodiff of the composed layers records ~150 kernels per GRN, each with bookkeeping and
 * copies of saved tensors; this op runs ~17 forward and ~35 backward kernels (its layer
 * norms are one kernel each way on wasm: `norm_kernels.ts`). The TFT
 * applies nine GRNs per step, so this is most of its training time on wasm. The layers in
 * grn.ts own the weights; tests check this op against autodiff of the composed formula.
 */
import * as tf from "@tensorflow/tfjs";
import { sumToShape } from "./layer_norm.ts";
import { addNormForward } from "./norm_kernels.ts";
import { biasAct, biasActGrad } from "./bias_act.ts";
import {
  gluBackward,
  gluForward,
  type GluWeights,
  normBackward,
  product,
  rowSum,
} from "./fused_math.ts";

export interface GrnWeights extends GluWeights {
  fc1Kernel: tf.Tensor;
  fc1Bias: tf.Tensor;
  fc2Kernel: tf.Tensor;
  fc2Bias: tf.Tensor;
  gamma: tf.Tensor;
  beta: tf.Tensor;
}

export interface ResampleWeights {
  /** Fixed [in, out] interpolation matrix (no gradient). */
  interpolation: tf.Tensor;
  mask: tf.Tensor;
  gamma: tf.Tensor;
  beta: tf.Tensor;
}

export interface FusedGrnInput {
  /** [V, N, in] (stacked, V networks) or [N, in] (plain; weights then [in, out] and [out]) */
  x: tf.Tensor;
  weights: GrnWeights;
  /** Projected context, broadcastable to [...lead, hidden] (plain layout only). */
  context?: tf.Tensor | null;
  /** Leading shape of the unstacked input, for the context broadcast. */
  lead?: number[];
  resample?: ResampleWeights | null;
  /** Dropout mask on the GLU input [V, N, hidden] or [N, hidden] (kept units scaled). */
  dropoutMask?: tf.Tensor | null;
}

const WEIGHT_ORDER = [
  "fc1Kernel",
  "fc1Bias",
  "fc2Kernel",
  "fc2Bias",
  "valueKernel",
  "valueBias",
  "gateKernel",
  "gateBias",
  "gamma",
  "beta",
] as const;

/** The GRN's output, [V, N, out] for a stacked input or [N, out] for a plain one. */
export function fusedGrn(input: FusedGrnInput): tf.Tensor {
  const { x, weights, resample, dropoutMask } = input;
  const context = input.context ?? null;
  const stacked = x.rank === 3;
  const rows = x.shape.slice(0, -1) as number[]; // [V, N] or [N]
  const n = rows[rows.length - 1];
  const hidden = weights.fc1Kernel.shape[weights.fc1Kernel.rank - 1] as number;
  const lead = input.lead ?? [n];
  if (context && stacked) throw new Error("fusedGrn: a context needs a plain (unstacked) GRN");
  /** Resampling works on all rows at once: [V·N, ·] views of a stacked layout. */
  const flatRows = (t: tf.Tensor) => stacked ? tf.reshape(t, [-1, t.shape[2]!]) : t;
  const unflatRows = (t: tf.Tensor) => stacked ? tf.reshape(t, [...rows, t.shape[1]!]) : t;
  // Constants of the step (no gradient) are not op inputs, which would each need a zero
  // gradient kernel: the op reads them from here and saves them for the backward.
  const constants = [
    ...(resample ? [resample.interpolation] : []),
    ...(dropoutMask ? [dropoutMask] : []),
  ];
  /**
   * Splits the op's flat input list (x, weights, context?, resample weights?) and the
   * constants (interpolation?, dropout mask?) back up.
   */
  const unpack = (list: tf.Tensor[], fixed: tf.Tensor[]) => {
    const w = Object.fromEntries(WEIGHT_ORDER.map((key, i) => [key, list[1 + i]]));
    let k = 1 + WEIGHT_ORDER.length;
    const ctx = context ? list[k++] : null;
    const rs = resample
      ? { interpolation: fixed[0], mask: list[k++], gamma: list[k++], beta: list[k++] }
      : null;
    const mask = dropoutMask ? fixed[fixed.length - 1] : null;
    return { x: list[0], w: w as unknown as GrnWeights, ctx, rs, mask };
  };
  const extras = [
    ...(context ? [context] : []),
    ...(resample ? [resample.mask, resample.gamma, resample.beta] : []),
  ];
  const op = tf.customGrad(
    // deno-lint-ignore no-explicit-any
    ((...args: any[]) => {
      const save = args.pop();
      const inputs = args as tf.Tensor[];
      const { x: xIn, w, ctx, rs, mask } = unpack(inputs, constants);
      const a1 = ctx
        ? tf.elu(tf.reshape(
          tf.add(tf.reshape(tf.add(product(xIn, w.fc1Kernel), w.fc1Bias), [...lead, hidden]), ctx),
          [n, hidden],
        ))
        : biasAct(product(xIn, w.fc1Kernel), w.fc1Bias, null, true);
      const glu = gluForward(biasAct(product(a1, w.fc2Kernel), w.fc2Bias, mask, false), w);
      let skip = xIn;
      const skipState: tf.Tensor[] = [];
      if (rs) {
        const flat = flatRows(xIn) as tf.Tensor2D;
        const resampled = unflatRows(tf.matMul(flat, rs.interpolation as tf.Tensor2D));
        const gain = tf.mul(tf.sigmoid(rs.mask), 2);
        const norm = addNormForward(tf.mul(resampled, gain), null, rs.gamma, rs.beta);
        skip = norm.y;
        skipState.push(resampled, gain, norm.xhat, norm.rstd);
      }
      const out = addNormForward(glu.y, skip, w.gamma, w.beta);
      // The forward runs inside a tidy that disposes everything it made, and autodiff
      // disposes the caller's temporaries too: the backward reads only what is saved here.
      const { input, value, gate } = glu.state;
      save([...inputs, ...constants, a1, input, value, gate, out.xhat, out.rstd, ...skipState]);
      return {
        value: out.y,
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
          const fixed = inputs.length + constants.length;
          const { x: xs, w, ctx, rs, mask } = unpack(
            saved.slice(0, inputs.length),
            saved.slice(inputs.length, fixed),
          );
          const [a1, input, value, gate, xhat, rstd, resampled, gain, skipHat, skipRstd] = saved
            .slice(fixed);
          const top = normBackward(dy, { y: dy, xhat, rstd }, w.gamma);
          const g = gluBackward(top.dx, { input, value, gate }, w);
          const second = biasActGrad(g.dInput, null, mask, w.fc2Bias);
          const dh2 = second.dx;
          // ELU' from its output (one pass; min/add/mul is 15× slower)
          const first = biasActGrad(product(dh2, w.fc2Kernel, false, true), a1, null, w.fc1Bias);
          const dh1 = first.dx;
          let dx = product(dh1, w.fc1Kernel, false, true);
          const grads: Record<string, tf.Tensor> = {
            fc1Kernel: product(xs, dh1, true, false),
            fc1Bias: first.dBias,
            fc2Kernel: product(a1, dh2, true, false),
            fc2Bias: second.dBias,
            valueKernel: g.dValueKernel,
            valueBias: g.dValueBias,
            gateKernel: g.dGateKernel,
            gateBias: g.dGateBias,
            gamma: top.dGamma,
            beta: top.dBeta,
          };
          const extra: tf.Tensor[] = [];
          if (ctx) extra.push(sumToShape(tf.reshape(dh1, [...lead, hidden]), ctx.shape));
          if (rs) {
            const back = normBackward(top.dx, { y: dy, xhat: skipHat, rstd: skipRstd }, rs.gamma);
            const dResampled = flatRows(tf.mul(back.dx, gain)) as tf.Tensor2D;
            const dSkipInput = tf.matMul(dResampled, rs.interpolation as tf.Tensor2D, false, true);
            dx = tf.add(dx, unflatRows(dSkipInput));
            // d gain / d mask = 2σ(m)(1 − σ(m)) = gain · (1 − gain / 2)
            const dGain = rowSum(tf.mul(back.dx, resampled));
            const dMask = tf.mul(dGain, tf.mul(gain, tf.sub(1, tf.mul(gain, 0.5))));
            extra.push(dMask, back.dGamma, back.dBeta);
          } else {
            dx = tf.add(dx, top.dx);
          }
          return [dx, ...WEIGHT_ORDER.map((name) => grads[name]), ...extra];
        },
      };
      // deno-lint-ignore no-explicit-any
    }) as any,
  );
  return op(x, ...WEIGHT_ORDER.map((k) => weights[k]), ...extras) as tf.Tensor;
}
