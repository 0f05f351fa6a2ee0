/**
 * The fused GRN's bias + activation steps, with their gradients:
 *
 *   y = act(x + b) ⊙ m,   dx = dy ⊙ m · act'(y),   db = Σ_rows dx
 *
 * act is ELU (its derivative read from its output: 1 for y ≥ 0, y + 1 below) or the
 * identity; m is an optional dropout mask (kept units scaled). b is [n] (plain rows) or
 * [V, 1, n] (stacked [V, N, n]). On wasm each direction is one kernel (`bias_act_wasm.ts`;
 * ELU over more than HEAP_EXP_LIMIT values forward runs as tfjs ops); other backends run
 * tfjs ops.
 */
import * as tf from "@tensorflow/tfjs";
import { BIAS_ACT_GRAD_KERNEL, BIAS_ACT_KERNEL } from "./bias_act_wasm.ts";
import { HEAP_EXP_LIMIT } from "./norm_wasm.ts";

const onWasm = (x: tf.Tensor) => tf.getBackend() === "wasm" && x.dtype === "float32";

/** act(x + bias) ⊙ mask. */
export function biasAct(
  x: tf.Tensor,
  bias: tf.Tensor,
  mask: tf.Tensor | null,
  elu: boolean,
): tf.Tensor {
  if (onWasm(x) && (!elu || x.size <= HEAP_EXP_LIMIT)) {
    const inputs: tf.NamedTensorMap = mask ? { x, bias, mask } : { x, bias };
    return tf.engine().runKernel(BIAS_ACT_KERNEL, inputs, { elu }) as tf.Tensor;
  }
  const biased = tf.add(x, bias);
  const activated = elu ? tf.elu(biased) : biased;
  return mask ? tf.mul(activated, mask) : activated;
}

/** dx and db of {@link biasAct} given dy (y: its ELU output before the mask, with elu). */
export function biasActGrad(
  dy: tf.Tensor,
  y: tf.Tensor | null,
  mask: tf.Tensor | null,
  bias: tf.Tensor,
): { dx: tf.Tensor; dBias: tf.Tensor } {
  const elu = y !== null;
  if (onWasm(dy)) {
    const inputs: tf.NamedTensorMap = { dy, ...(y ? { y } : {}), ...(mask ? { mask } : {}) };
    const [dx, dBias] = tf.engine().runKernel(BIAS_ACT_GRAD_KERNEL, inputs, {
      elu,
      biasShape: bias.shape,
    }) as tf.Tensor[];
    return { dx, dBias };
  }
  const masked = mask ? tf.mul(dy, mask) : dy;
  const dx = elu ? tf.engine().runKernel("EluGrad", { dy: masked, y: y! }) as tf.Tensor : masked;
  return { dx, dBias: dx.rank === 3 ? tf.sum(dx, 1, true) : tf.sum(dx, 0) };
}
