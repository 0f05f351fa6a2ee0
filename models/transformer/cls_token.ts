/**
 * Prepends a learnable [CLS] token to a sequence: [b, S, d] → [b, 1 + S, d]. The encoder's
 * output at this position summarises the window and feeds the forecast head (as in BERT);
 * {@link ClsReadout} takes it back out. The token starts as N(0, 0.02²) draws from its own
 * seeded stream.
 */
import * as tf from "@tensorflow/tfjs";
import { SeededRandom } from "../tf/rng.ts";

type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;

export interface ClsTokenArgs extends LayerArgs {
  seed: number;
}

export class ClsToken extends tf.layers.Layer {
  static className = "ClsToken";
  readonly seed: number;
  #token: tf.LayerVariable | null = null;

  constructor(args: ClsTokenArgs) {
    super(args);
    this.seed = args.seed;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const width = shape[2];
    if (shape.length !== 3 || width === null) {
      throw new Error(`ClsToken ${this.name}: expects [batch, steps, width], got [${shape}]`);
    }
    this.#token = this.addWeight("token", [width], "float32", tf.initializers.zeros());
    const rng = new SeededRandom(this.seed);
    const values = Float32Array.from({ length: width }, () => 0.02 * rng.normal());
    tf.tidy(() => {
      this.#token!.write(tf.tensor1d(values));
    });
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return [shape[0], shape[1] === null ? null : shape[1] + 1, shape[2]];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      const [batch, , width] = x.shape;
      const token = this.#token!.read().reshape([1, 1, width]);
      // broadcastTo, not tile: tile's gradient is one slice and add per batch row
      return tf.concat([tf.broadcastTo(token, [batch, 1, width]), x], 1);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), seed: this.seed };
  }
}
tf.serialization.registerClass(ClsToken);

/** The encoder output at the [CLS] position: [b, 1 + S, d] → [b, d]. */
export class ClsReadout extends tf.layers.Layer {
  static className = "ClsReadout";

  constructor(args: LayerArgs = {}) {
    super(args);
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return [shape[0], shape[2]];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      const [batch, , width] = x.shape;
      return x.slice([0, 0, 0], [batch, 1, width]).reshape([batch, width]);
    });
  }

  /** No settings beyond the base layer's (name, trainable, dtype). */
  override getConfig(): tf.serialization.ConfigDict {
    return super.getConfig();
  }
}
tf.serialization.registerClass(ClsReadout);
