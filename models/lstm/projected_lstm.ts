/**
 * An LSTM layer built for the wasm backend, where per-op overhead dominates small models:
 * the input projection x·W + b runs once for all time steps as one matmul, and the
 * recurrence is the shared sequence op ({@link lstmSequence}: each step's cell one kernel
 * per direction on wasm, backpropagation through time written by hand), which the TFT's
 * LSTM runs too. Gates are laid out as torch and tfjs lay them out: [input, forget, cell,
 * output].
 *
 * Weights are seeded per weight: Glorot-uniform kernel, orthogonal recurrent kernel, zero
 * bias with the forget-gate bias at 1 (Keras' `unitForgetBias`).
 */
import * as tf from "@tensorflow/tfjs";
import { glorotUniform, orthogonal } from "../tf/layers/init.ts";
import { dense } from "../tf/layers/linear.ts";
import { lstmSequence } from "../tf/layers/lstm_sequence.ts";
import { seedFrom } from "../tf/rng.ts";

type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;

/**
 * The gate layout saved with the layer. Models saved before it was recorded laid their
 * gates out [i, f, o, g]; reading their weights in this order would silently swap the
 * output and cell gates, so loading them fails instead.
 */
const GATE_ORDER = "ifgo";

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
      const batch = x.shape[0];
      const state = tf.zeros([batch, this.units]);
      const projected = dense(tf.transpose(x, [1, 0, 2]), this.#kernel!.read(), this.#bias!.read());
      const run = lstmSequence(projected, state, state, this.#recurrent!.read());
      return this.returnSequences ? tf.transpose(run.hidden, [1, 0, 2]) : run.h;
    });
  }

  /** Refuses a saved layer whose gate layout is not this version's (see {@link GATE_ORDER}). */
  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    if (config.gateOrder !== GATE_ORDER) {
      throw new Error(
        `ProjectedLstm ${config.name}: saved with gate order ` +
          `${config.gateOrder ?? "ifog (before the order was recorded)"}, this version reads ` +
          `${GATE_ORDER}; re-run the train node that made the model (its weights cannot be ` +
          "reinterpreted safely)",
      );
    }
    return new cls(config);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      gateOrder: GATE_ORDER,
      units: this.units,
      returnSequences: this.returnSequences,
      seed: this.seed,
    };
  }
}
tf.serialization.registerClass(ProjectedLstm);
