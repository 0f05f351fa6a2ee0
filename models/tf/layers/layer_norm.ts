/**
 * The one layer normalisation of the kit, over the last axis, as torch's `nn.LayerNorm`
 * (eps 1e-5, biased variance): y = (x − mean) / √(var + ε) · γ + β.
 *
 * - {@link normForward} / {@link normInputGrad}: the maths, used inside the fused
 *   (hand-differentiated) GRN and by {@link layerNorm};
 * - {@link layerNorm}: the op with a hand-written gradient. Autodiff of the plain formula
 *   records ~20 backward kernels; the closed form needs 11, and layer norms sit in every
 *   gated residual network, so this matters on wasm where each kernel costs microseconds
 *   whatever its size;
 * - {@link LayerNorm}: a tfjs-layers layer owning γ and β, for models built from layers.
 *   It broadcasts γ and β rather than tiling them as `tf.layers.layerNormalization` does
 *   (tfjs differentiates `tile` with one slice and one add per repetition: ~2·b·S tiny ops
 *   per call), and keeps autodiff (MarketGPT's and Mamba's norms; the CLS Transformer's
 *   residual norms run as the fused `ResidualNorm` of `residual_norm.ts`).
 */
import * as tf from "@tensorflow/tfjs";

export const LAYER_NORM_EPSILON = 1e-5;

/** Sums `t` over the axes along which `shape` was broadcast up to `t.shape`. */
export function sumToShape(t: tf.Tensor, shape: number[]): tf.Tensor {
  if (t.shape.length === shape.length && t.shape.every((d, i) => d === shape[i])) return t;
  const offset = t.rank - shape.length;
  const axes: number[] = [];
  for (let i = 0; i < t.rank; i++) {
    if (i < offset || (shape[i - offset] === 1 && t.shape[i] !== 1)) axes.push(i);
  }
  return tf.reshape(tf.sum(t, axes), shape);
}

export interface Normalised {
  y: tf.Tensor;
  xhat: tf.Tensor;
  rstd: tf.Tensor;
}

/** The forward pass, keeping what the gradient needs. */
export function normForward(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor): Normalised {
  const last = x.rank - 1;
  const centred = tf.sub(x, tf.mean(x, last, true));
  const rstd = tf.rsqrt(tf.add(tf.mean(tf.square(centred), last, true), LAYER_NORM_EPSILON));
  const xhat = tf.mul(centred, rstd);
  return { y: tf.add(tf.mul(xhat, gamma), beta), xhat, rstd };
}

/** dx of {@link normForward} (γ and β gradients are sums the caller takes its own way). */
export function normInputGrad(dy: tf.Tensor, n: Normalised, gamma: tf.Tensor): tf.Tensor {
  const last = dy.rank - 1;
  const g = tf.mul(dy, gamma);
  return tf.mul(
    tf.sub(
      tf.sub(g, tf.mean(g, last, true)),
      tf.mul(n.xhat, tf.mean(tf.mul(g, n.xhat), last, true)),
    ),
    n.rstd,
  );
}

const normalise = tf.customGrad(
  // deno-lint-ignore no-explicit-any
  ((x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, save: any) => {
    const normalised = normForward(x, gamma, beta);
    save([normalised.xhat, normalised.rstd, gamma]);
    return {
      value: normalised.y,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xhat, rstd, g] = saved;
        const dx = normInputGrad(dy, { y: dy, xhat, rstd }, g);
        return [dx, sumToShape(tf.mul(dy, xhat), g.shape), sumToShape(dy, beta.shape)];
      },
    };
    // deno-lint-ignore no-explicit-any
  }) as any,
);

/**
 * `(x − mean) / √(var + eps) · gamma + beta` over the last axis. `gamma` and `beta` broadcast
 * against `x` ([H], or [V, 1, H] for per-variable norms over a [V, N, H] stack).
 */
export function layerNorm(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor): tf.Tensor {
  return normalise(x, gamma, beta) as tf.Tensor;
}

type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;

export interface LayerNormArgs extends LayerArgs {
  /** Added to the variance; torch's default 1e-5. */
  epsilon?: number;
}

export class LayerNorm extends tf.layers.Layer {
  static className = "LayerNorm";
  readonly epsilon: number;
  #gamma: tf.LayerVariable | null = null;
  #beta: tf.LayerVariable | null = null;

  constructor(args: LayerNormArgs = {}) {
    super(args);
    this.epsilon = args.epsilon ?? LAYER_NORM_EPSILON;
    if (!(this.epsilon > 0)) {
      throw new Error(`LayerNorm ${this.name}: epsilon must be > 0, got ${this.epsilon}`);
    }
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const width = shape[shape.length - 1];
    if (width === null) throw new Error(`LayerNorm ${this.name}: the last axis must be known`);
    this.#gamma = this.addWeight("gamma", [width], "float32", tf.initializers.ones());
    this.#beta = this.addWeight("beta", [width], "float32", tf.initializers.zeros());
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      // tf.moments under autodiff: normForward's graph rounds its gradients differently.
      const { mean, variance } = tf.moments(x, -1, true);
      const normalised = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, this.epsilon)));
      return tf.add(tf.mul(normalised, this.#gamma!.read()), this.#beta!.read());
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), epsilon: this.epsilon };
  }
}
tf.serialization.registerClass(LayerNorm);
