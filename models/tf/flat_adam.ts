/**
 * Adam over all of a network's variables at once ("foreach" style, as torch's
 * `Adam(foreach=True)`): the gradients are concatenated into one flat vector, the moments
 * live in two flat variables, and each variable then takes its slice of the update.
 *
 * tfjs's `AdamOptimizer` runs ~16 kernels per variable per step. On wasm each kernel costs
 * microseconds whatever its size, so a network with many small weight tensors (the TFT has
 * ~135) spent more time in the optimiser than in its forward pass; here the cost is ~15
 * kernels plus ~2 per variable. The update is the same formula as torch's Adam:
 *
 *   m ← β1·m + (1−β1)·g,  v ← β2·v + (1−β2)·g²
 *   w ← w − lr/(1−β1ᵗ) · m / (√v / √(1−β2ᵗ) + ε)
 *
 * which equals tfjs's form (bias-corrected moments, ε added to √v̂). On wasm the step runs
 * in JavaScript on the wasm heap instead (`heap_adam.ts`: no kernels at all).
 */
import * as tf from "@tensorflow/tfjs";
import { type GradientGroups, gradRatio } from "./grad_norms.ts";
import {
  gatherGradients,
  heapAdamStep,
  type HeapState,
  heapState,
  type HeapStep,
  onWasmHeap,
} from "./heap_adam.ts";

export interface FlatAdamOptions {
  learningRate: number;
  beta1?: number;
  beta2?: number;
  /** Default 1e-7, as tfjs's Adam on float32 backends. */
  epsilon?: number;
}

export class FlatAdam {
  readonly variables: tf.Variable[];
  readonly size: number;
  learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  #sizes: number[];
  /** The moments as tensors, or on the wasm heap's side in JavaScript arrays. */
  #m: tf.Variable | null = null;
  #v: tf.Variable | null = null;
  #heap: HeapState | null = null;
  #step = 0;

  constructor(variables: tf.Variable[], options: FlatAdamOptions) {
    this.variables = variables;
    this.#sizes = variables.map((v) => v.size);
    this.size = this.#sizes.reduce((a, b) => a + b, 0);
    this.learningRate = options.learningRate;
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-7;
    if (onWasmHeap()) {
      this.#heap = heapState(this.size);
      return;
    }
    const zeros = tf.zeros([this.size]);
    this.#m = tf.variable(zeros, false);
    this.#v = tf.variable(zeros, false);
    zeros.dispose(); // the variables hold their own references
  }

  /** Where the step runs: "heap" (wasm, in JavaScript) or "tensors". */
  get mode(): "heap" | "tensors" {
    return this.#heap ? "heap" : "tensors";
  }

  /**
   * One training step from one gradient per variable (undefined: the loss does not reach
   * it): the output/encoder gradient-norm ratio before clipping (for `groups`), global-norm
   * clipping as torch's clip_grad_norm_ (scale by clip / (norm + 1e-6) when below 1),
   * decoupled weight decay, and the Adam update. Returns the ratio, or null without groups.
   */
  step(
    grads: Array<tf.Tensor | undefined>,
    options: { decay: number; clipNorm: number | null; groups: GradientGroups },
  ): tf.Scalar | null {
    if (this.#heap) {
      gatherGradients(this.#heap, this.variables, grads);
      const ratio = heapAdamStep(this.#heap, this.variables, this.#constants(options));
      return ratio === null ? null : tf.scalar(ratio);
    }
    // The caller's tidy (the training step) collects the intermediates.
    let flat = this.flatten(grads.map((g, i) => g ?? tf.zerosLike(this.variables[i])));
    const ratio = options.groups ? gradRatio(flat, options.groups) : null;
    if (options.clipNorm !== null) {
      const norm = tf.sqrt(tf.sum(tf.square(flat)));
      flat = tf.mul(flat, tf.minimum(tf.div(options.clipNorm, tf.add(norm, 1e-6)), 1));
    }
    this.apply(flat, options.decay);
    return ratio;
  }

  /** Advances the step count; the step's constants. */
  #constants(options: Pick<HeapStep, "decay" | "clipNorm" | "groups">): HeapStep {
    this.#step++;
    const t = this.#step;
    return {
      ...options,
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
      stepSize: this.learningRate / (1 - this.beta1 ** t),
      rootCorrection: 1 / Math.sqrt(1 - this.beta2 ** t),
    };
  }

  /** Steps taken so far. */
  get iterations(): number {
    return this.#step;
  }

  /** Concatenates one gradient per variable (same order) into a flat vector. */
  flatten(grads: tf.Tensor[]): tf.Tensor1D {
    if (grads.length !== this.variables.length) {
      throw new Error(
        `FlatAdam: got ${grads.length} gradients for ${this.variables.length} variables`,
      );
    }
    return tf.tidy(() => tf.concat(grads.map((g) => tf.reshape(g, [-1])), 0) as tf.Tensor1D);
  }

  /**
   * One Adam step with the flat gradient `grad` ([size]). `decay` > 0 first shrinks every
   * weight by (1 − decay) (decoupled weight decay, as AdamW with decay = lr · wd).
   */
  apply(grad: tf.Tensor1D, decay = 0): void {
    if (this.#heap) {
      this.#heap.g.set(grad.dataSync());
      heapAdamStep(
        this.#heap,
        this.variables,
        this.#constants({ decay, clipNorm: null, groups: null }),
      );
      return;
    }
    const { stepSize, rootCorrection, beta1: b1, beta2: b2 } = this.#constants({
      decay,
      clipNorm: null,
      groups: null,
    });
    tf.tidy(() => {
      const m = tf.add(tf.mul(this.#m!, b1), tf.mul(grad, 1 - b1));
      const v = tf.add(tf.mul(this.#v!, b2), tf.mul(tf.square(grad), 1 - b2));
      this.#m!.assign(m);
      this.#v!.assign(v);
      const denominator = tf.add(tf.mul(tf.sqrt(v), rootCorrection), this.epsilon);
      const update = tf.mul(tf.div(m, denominator), stepSize);
      const pieces = tf.split(update, this.#sizes);
      this.variables.forEach((variable, i) => {
        const base = decay > 0 ? tf.mul(variable, 1 - decay) : variable;
        variable.assign(tf.sub(base, tf.reshape(pieces[i], variable.shape)));
      });
    });
  }

  dispose(): void {
    this.#m?.dispose();
    this.#v?.dispose();
  }
}
