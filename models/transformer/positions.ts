/**
 * Adds the fixed sinusoidal position encodings of Vaswani et al. (2017) to a sequence
 * [b, S, d]: PE[p, 2i] = sin(p / 10000^(2i/d)), PE[p, 2i+1] = cos(p / 10000^(2i/d)).
 * No weights; the encodings are recomputed for the input's length and width.
 */
import * as tf from "@tensorflow/tfjs";

type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;

export function sinusoidalTable(steps: number, width: number): Float32Array {
  const table = new Float32Array(steps * width);
  for (let p = 0; p < steps; p++) {
    for (let k = 0; k < width; k++) {
      const angle = p / Math.pow(10000, (2 * Math.floor(k / 2)) / width);
      table[p * width + k] = k % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
    }
  }
  return table;
}

export class SinusoidalPositions extends tf.layers.Layer {
  static className = "SinusoidalPositions";

  constructor(args: LayerArgs = {}) {
    super(args);
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      const [, steps, width] = x.shape;
      return tf.add(x, tf.tensor2d(sinusoidalTable(steps, width), [steps, width]));
    });
  }

  /** No settings beyond the base layer's: the table follows the input's shape. */
  override getConfig(): tf.serialization.ConfigDict {
    return super.getConfig();
  }
}
tf.serialization.registerClass(SinusoidalPositions);
