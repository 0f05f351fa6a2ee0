/**
 * Regime-aware attention gates: one learned gate per (regime, head), g = σ(gate[regime, h]),
 * multiplying head h's attention (and so its output) for windows in that regime. The
 * regime is the one known at the forecast origin (`origin_regime.ts`). Gates start at 0
 * (σ = 0.5 for every regime and head); the regime is picked by a one-hot matmul, not a
 * gather, so the gates train on wasm (which lacks gather's gradient kernel).
 */
import * as tf from "@tensorflow/tfjs";
import { KitLayer, type KitLayerArgs, type Kwargs } from "../tf/layers/base.ts";

export interface RegimeGateArgs extends KitLayerArgs {
  regimes: number;
  heads: number;
}

export class RegimeHeadGates extends KitLayer {
  static className = "TftRegimeHeadGates";
  readonly regimes: number;
  readonly heads: number;
  #gates!: tf.LayerVariable;

  constructor(args: RegimeGateArgs) {
    super(args);
    this.regimes = args.regimes;
    this.heads = args.heads;
  }

  protected createWeights(): void {
    this.#gates = this.weight({ name: "gates", shape: [this.regimes, this.heads], init: "zeros" });
  }

  /** The gate logits [regimes, heads]. */
  get gateWeights(): tf.LayerVariable {
    return this.#gates;
  }

  /** One-hot regimes [B, regimes] → gates [B, heads] in (0, 1). */
  forward(regime: tf.Tensor): tf.Tensor {
    return tf.sigmoid(tf.matMul(regime, this.#gates.read()));
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    return this.forward(Array.isArray(inputs) ? inputs[0] : inputs);
  }

  override computeOutputShape(inputShape: tf.Shape): tf.Shape {
    return [inputShape[0], this.heads];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), regimes: this.regimes, heads: this.heads };
  }
}
tf.serialization.registerClass(RegimeHeadGates);
