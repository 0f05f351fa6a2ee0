/**
 * Regime-gated output: a mixture of per-regime experts in place of the TFT's output layer,
 * ŷ = Σ_r w_r · E_r(x) with each expert a Linear(hidden → outputs). Routing is either
 * learned (softmax of a Linear(hidden → experts) per sample and step, zero-initialised so
 * it starts uniform) or the regime known at the origin (`origin_regime.ts`, one-hot). The
 * experts are one stacked kernel [hidden, experts · outputs] (one matmul for all), each
 * block drawn as a separate Linear would be.
 *
 * {@link loadBalance} is the load-balancing term mean_r (mean routing_r − 1/R)², which
 * keeps learned routing from sending everything to one expert.
 */
import * as tf from "@tensorflow/tfjs";
import { KitLayer, type KitLayerArgs, type Kwargs } from "../tf/layers/base.ts";
import { dense } from "../tf/layers/linear.ts";

export type ExpertRouting = "learned" | "regime";

export interface ExpertOutputArgs extends KitLayerArgs {
  inputSize: number;
  outputSize: number;
  experts: number;
  routing: ExpertRouting;
}

export interface ExpertForward {
  /** [B, H, outputs] */
  output: tf.Tensor;
  /** [B, H, experts]; rows sum to 1 */
  routing: tf.Tensor;
}

export class ExpertOutput extends KitLayer {
  static className = "TftExpertOutput";
  readonly inputSize: number;
  readonly outputSize: number;
  readonly experts: number;
  readonly routing: ExpertRouting;
  #w: Record<string, tf.LayerVariable> = {};

  constructor(args: ExpertOutputArgs) {
    super(args);
    if (!(Number.isInteger(args.experts) && args.experts >= 2)) {
      throw new Error(`${args.name}: experts must be an integer >= 2, got ${args.experts}`);
    }
    this.inputSize = args.inputSize;
    this.outputSize = args.outputSize;
    this.experts = args.experts;
    this.routing = args.routing;
  }

  protected createWeights(): void {
    const [h, q, r] = [this.inputSize, this.outputSize, this.experts];
    const init = "torch-default" as const;
    this.#w = {
      kernel: this.weight({ name: "expert_kernel", shape: [h, r * q], init, fanIn: h }),
      bias: this.weight({ name: "expert_bias", shape: [r * q], init, fanIn: h }),
    };
    if (this.routing === "learned") {
      this.#w.router = this.weight({ name: "router_kernel", shape: [h, r], init: "zeros" });
      this.#w.routerBias = this.weight({ name: "router_bias", shape: [r], init: "zeros" });
    }
  }

  /** x [B, H, hidden]; `regime` [B, experts] one-hot, required for regime routing. */
  forward(x: tf.Tensor, regime: tf.Tensor | null): ExpertForward {
    const [batch, steps] = x.shape as number[];
    const [q, r] = [this.outputSize, this.experts];
    const w = this.#w;
    const experts = tf.reshape(dense(x, w.kernel.read(), w.bias.read()), [batch, steps, r, q]);
    let routing: tf.Tensor;
    if (this.routing === "learned") {
      routing = tf.softmax(dense(x, w.router.read(), w.routerBias.read()));
    } else {
      if (!regime) throw new Error(`${this.name}: regime routing needs the origin regime`);
      routing = tf.tile(tf.reshape(regime, [batch, 1, r]), [1, steps, 1]);
    }
    const output = tf.sum(tf.mul(experts, tf.expandDims(routing, 3)), 2);
    return { output, routing };
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    const [x, regime] = Array.isArray(inputs) ? inputs : [inputs];
    return this.forward(x, regime ?? null).output;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return [...shape.slice(0, -1), this.outputSize];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      inputSize: this.inputSize,
      outputSize: this.outputSize,
      experts: this.experts,
      routing: this.routing,
    };
  }
}
tf.serialization.registerClass(ExpertOutput);

/** mean_r (mean over batch and steps of routing_r − 1/R)² for routing [B, H, R]. */
export function loadBalance(routing: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const experts = routing.shape[routing.rank - 1]!;
    const share = tf.mean(tf.reshape(routing, [-1, experts]), 0);
    return tf.mean(tf.square(tf.sub(share, 1 / experts))) as tf.Scalar;
  });
}
