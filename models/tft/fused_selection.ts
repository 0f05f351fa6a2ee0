/**
 * The combine step of the variable selection network as one op with a hand-written
 * backward pass: softmax selection weights over the V variables, each row's weighted sum
 * of the per-variable GRN outputs.
 *
 *   w = softmax(logits) [N, V];  y[n] = Σ_v w[n, v] · outputs[v, n]   (outputs [V, N, h])
 *
 * Autodiff of the composed ops (softmax, transposes, broadcast multiply, sum) records ~30
 * kernels per call on wasm; this op runs 4 forward and 8 backward. Training runs the op,
 * which returns y alone; {@link selectionForward} is the same forward as plain ops, for
 * inference, where the weights are wanted too. Tests check the op against autodiff.
 */
import * as tf from "@tensorflow/tfjs";

interface Selected {
  /** [N, h] */
  output: tf.Tensor;
  /** [N, V], rows summing to 1 */
  weights: tf.Tensor;
  /** The weights laid out per variable, [V, N, 1]. */
  byVariable: tf.Tensor;
}

/** outputs [V, N, h], logits [N, V] → the weighted sum and the weights. */
export function selectionForward(outputs: tf.Tensor, logits: tf.Tensor): Selected {
  const [v, n] = outputs.shape as number[];
  const weights = tf.softmax(logits);
  const byVariable = tf.reshape(tf.transpose(weights), [v, n, 1]);
  return { output: tf.sum(tf.mul(outputs, byVariable), 0), weights, byVariable };
}

const combine = tf.customGrad(
  // deno-lint-ignore no-explicit-any
  ((outputs: tf.Tensor, logits: tf.Tensor, save: any) => {
    const selected = selectionForward(outputs, logits);
    save([outputs, selected.weights, selected.byVariable]);
    return {
      value: selected.output,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [outputs, weights, byVariable] = saved;
        const dOutputs = tf.mul(byVariable, dy); // [V, N, 1] × [N, h] → [V, N, h]
        const dWeights = tf.transpose(tf.sum(tf.mul(outputs, dy), -1)); // [N, V]
        // softmax: dℓ = w ⊙ (dw − Σ dw ⊙ w)
        const rowDot = tf.sum(tf.mul(dWeights, weights), -1, true);
        return [dOutputs, tf.mul(weights, tf.sub(dWeights, rowDot))];
      },
    };
    // deno-lint-ignore no-explicit-any
  }) as any,
);

/** The selected output [N, h] of per-variable outputs [V, N, h] and logits [N, V]. */
export function fusedSelection(outputs: tf.Tensor, logits: tf.Tensor): tf.Tensor {
  return combine(outputs, logits) as tf.Tensor;
}
