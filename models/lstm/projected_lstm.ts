/**
 * An LSTM layer built for the wasm backend, where per-op overhead dominates small models:
 * the input projection x·W + b runs once for all time steps as one matmul, leaving only
 * the recurrent matmul and the gate arithmetic inside the loop (tfjs' own LSTM cell
 * issues several more ops per step). Gates are laid out [input, forget, output | cell].
 *
 * Weights are seeded per weight: Glorot-uniform kernel, orthogonal recurrent kernel, zero
 * bias with the forget-gate bias at 1 (Keras' `unitForgetBias`).
 */
import * as tf from "@tensorflow/tfjs";
import { glorotUniform, orthogonal } from "../tf/layers/init.ts";
import { seedFrom } from "../tf/rng.ts";

type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;

export interface ProjectedLstmArgs extends LayerArgs {
  units: number;
  /** Return every step's hidden state [b, T, units] instead of the last one [b, units]. */
  returnSequences: boolean;
  seed: number;
}

export class ProjectedLstm extends tf.layers.Layer {
  static className = "ProjectedLstm";
  readonly units: number;
  readonly returnSequences: boolean;
  readonly seed: number;
  #kernel: tf.LayerVariable | null = null;
  #recurrent: tf.LayerVariable | null = null;
  #bias: tf.LayerVariable | null = null;

  constructor(args: ProjectedLstmArgs) {
    super(args);
    if (!Number.isInteger(args.units) || args.units < 1) {
      throw new Error(
        `ProjectedLstm ${this.name}: units must be an integer >= 1, got ${args.units}`,
      );
    }
    this.units = args.units;
    this.returnSequences = args.returnSequences;
    this.seed = args.seed;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const features = shape[2];
    if (shape.length !== 3 || features === null) {
      throw new Error(
        `ProjectedLstm ${this.name}: expects [batch, steps, features], got [${shape}]`,
      );
    }
    const u = this.units;
    const zeros = () => tf.initializers.zeros();
    this.#kernel = this.addWeight("kernel", [features, 4 * u], "float32", zeros());
    this.#recurrent = this.addWeight("recurrent_kernel", [u, 4 * u], "float32", zeros());
    this.#bias = this.addWeight("bias", [4 * u], "float32", zeros());
    const bias = new Float32Array(4 * u);
    bias.fill(1, u, 2 * u); // forget gate
    tf.tidy(() => {
      const kernelSeed = seedFrom(this.seed, "kernel");
      this.#kernel!.write(
        tf.tensor2d(glorotUniform(features, 4 * u, kernelSeed), [features, 4 * u]),
      );
      const recurrentSeed = seedFrom(this.seed, "recurrent_kernel");
      this.#recurrent!.write(tf.tensor2d(orthogonal(u, 4 * u, recurrentSeed), [u, 4 * u]));
      this.#bias!.write(tf.tensor1d(bias));
    });
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return this.returnSequences ? [shape[0], shape[1], this.units] : [shape[0], this.units];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D;
      const [batch, steps, features] = x.shape;
      const u = this.units;
      const projected = tf.add(
        tf.matMul(x.reshape([batch * steps, features]), this.#kernel!.read() as tf.Tensor2D),
        this.#bias!.read(),
      ).reshape([batch, steps, 4 * u]);
      const inputsByStep = tf.unstack(tf.transpose(projected, [1, 0, 2])); // contiguous slices
      const recurrent = this.#recurrent!.read() as tf.Tensor2D;
      let h: tf.Tensor2D = tf.zeros([batch, u]);
      let c: tf.Tensor2D = tf.zeros([batch, u]);
      const outputs: tf.Tensor2D[] = [];
      for (let t = 0; t < steps; t++) {
        const z = tf.add(inputsByStep[t], tf.matMul(h, recurrent)) as tf.Tensor2D;
        const [i, f, o] = tf.split(tf.sigmoid(z.slice([0, 0], [batch, 3 * u])), 3, 1);
        const g = tf.tanh(z.slice([0, 3 * u], [batch, u]));
        c = tf.add(tf.mul(f, c), tf.mul(i, g));
        h = tf.mul(o, tf.tanh(c));
        if (this.returnSequences) outputs.push(h);
      }
      return this.returnSequences ? tf.stack(outputs, 1) : h;
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      units: this.units,
      returnSequences: this.returnSequences,
      seed: this.seed,
    };
  }
}
tf.serialization.registerClass(ProjectedLstm);
