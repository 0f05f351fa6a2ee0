/** A tensor of standard normal values from a seeded generator: the kernel tests' inputs. */
import * as tf from "@tensorflow/tfjs";
import { SeededRandom } from "../../../models/tf/rng.ts";

export function seededTensor(shape: number[], seed: number): tf.Tensor {
  const rng = new SeededRandom(seed);
  return tf.tensor(
    Float32Array.from({ length: tf.util.sizeFromShape(shape) }, () => rng.normal()),
    shape,
  );
}
