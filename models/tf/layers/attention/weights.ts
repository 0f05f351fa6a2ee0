/**
 * Scaled dot-product attention weights, the step the kit's autodiff attentions share
 * (the CLS Transformer's self-attention, MarketGPT's causal attention; the TFT's fused
 * interpretable attention, `fused_interpretable.ts`, writes its softmax out by hand):
 * softmax(q·kᵀ / √d (+ an additive mask)) over the key axis. Each attention forms q·kᵀ its
 * own way (the layouts that are fastest for it on wasm) and hands the product here.
 */
import * as tf from "@tensorflow/tfjs";

/**
 * `product` [..., Tq, Tk] = q·kᵀ per head; `headSize` d; `mask` broadcasts against it (0 to
 * keep, −1e9 to hide). Each row of the result sums to 1.
 */
export function attentionWeights(product: tf.Tensor, headSize: number, mask?: tf.Tensor) {
  const scores = tf.mul(product, 1 / Math.sqrt(headSize));
  return tf.softmax(mask ? tf.add(scores, mask) : scores);
}
