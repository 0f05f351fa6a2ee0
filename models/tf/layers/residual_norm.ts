/**
 * The post-norm residual of torch's `TransformerEncoderLayer`, `LayerNorm(x + branch)` over
 * the last axis (eps 1e-5), as one op with a hand-written gradient: the add and the norm
 * are `norm_kernels.ts`'s, so on wasm each direction is one kernel on the wasm heap with
 * float64 sums (tfjs ops elsewhere). As an `add` layer and the autodiff `LayerNorm` they
 * were ~57 kernels forward and backward together on [batch, steps, d] tensors (a CLS
 * Transformer step at the guide's size: 903 kernels before, 573 after).
 *
 * Both inputs receive the same gradient; γ is ones and β zeros at the start, as
 * {@link LayerNorm}'s, whose weight names (`gamma`, `beta`) it keeps.
 */
import * as tf from "@tensorflow/tfjs";
import { addNormBackward, addNormForward } from "./norm_kernels.ts";

type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;

const show = (shape: tf.Shape) => `[${shape.map((d) => d ?? "?").join(", ")}]`;

const residualNorm = tf.customGrad(
  // deno-lint-ignore no-explicit-any
  ((x: tf.Tensor, branch: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, save: any) => {
    const { y, xhat, rstd } = addNormForward(x, branch, gamma, beta);
    save([xhat, rstd, gamma]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [savedXhat, savedRstd, savedGamma] = saved;
        const { dx, dGamma, dBeta } = addNormBackward(
          dy,
          { y: dy, xhat: savedXhat, rstd: savedRstd },
          savedGamma,
        );
        // one tensor per input: tfjs disposes an input's gradient when it adds another
        // contribution to it, which would free the other's too
        return [dx, tf.clone(dx), dGamma, dBeta];
      },
    };
    // deno-lint-ignore no-explicit-any
  }) as any,
);

export class ResidualNorm extends tf.layers.Layer {
  static className = "ResidualNorm";
  #gamma: tf.LayerVariable | null = null;
  #beta: tf.LayerVariable | null = null;

  constructor(args: LayerArgs = {}) {
    super(args);
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shapes = inputShape as tf.Shape[];
    if (!Array.isArray(shapes[0]) || shapes.length !== 2) {
      throw new Error(`ResidualNorm ${this.name}: expects two inputs, [x, branch]`);
    }
    const [x, branch] = shapes;
    const width = x[x.length - 1];
    if (width === null || x.length !== branch.length || x.some((d, i) => d !== branch[i])) {
      throw new Error(
        `ResidualNorm ${this.name}: x ${show(x)} and branch ${show(branch)} must have one shape ` +
          "with a known last axis",
      );
    }
    this.#gamma = this.addWeight("gamma", [width], "float32", tf.initializers.ones());
    this.#beta = this.addWeight("beta", [width], "float32", tf.initializers.zeros());
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return (inputShape as tf.Shape[])[0];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const [x, branch] = inputs as tf.Tensor[];
    if (!tf.util.arraysEqual(x.shape, branch.shape)) {
      // the wasm kernel reads the branch as x's shape: a broadcast one would read past it
      throw new Error(
        `ResidualNorm ${this.name}: x ${show(x.shape)} and branch ${show(branch.shape)} must ` +
          "have one shape",
      );
    }
    return residualNorm(x, branch, this.#gamma!.read(), this.#beta!.read()) as tf.Tensor;
  }
}
tf.serialization.registerClass(ResidualNorm);
