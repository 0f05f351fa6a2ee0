/**
 * The TFT's causal attention mask. Queries are the decoder steps only; keys are the
 * encoder steps followed by the decoder steps. Every query sees every encoder step. Among
 * decoder steps, `exclude-self` (pytorch-forecasting's default) lets step t see steps
 * before t only; `include-self` (the paper) lets it also see itself.
 */
import * as tf from "@tensorflow/tfjs";
import type { AttentionMaskVariant } from "./mask_variants.ts";

export { ATTENTION_MASK_VARIANTS, type AttentionMaskVariant } from "./mask_variants.ts";

/** Added to masked scores: softmax then gives them exactly 0, as torch's masked_fill(−1e9). */
export const MASKED_SCORE = -1e9;

/** allowed[i][j]: may decoder query i attend to key j? */
export function attentionAllowed(
  encoderLength: number,
  horizon: number,
  variant: AttentionMaskVariant,
): boolean[][] {
  return Array.from(
    { length: horizon },
    (_, i) =>
      Array.from({ length: encoderLength + horizon }, (_, j) => {
        if (j < encoderLength) return true;
        const step = j - encoderLength;
        return variant === "include-self" ? step <= i : step < i;
      }),
  );
}

/** Additive mask [horizon, encoderLength + horizon]: 0 where allowed, MASKED_SCORE elsewhere. */
export function attentionMaskTensor(
  encoderLength: number,
  horizon: number,
  variant: AttentionMaskVariant,
): tf.Tensor2D {
  const allowed = attentionAllowed(encoderLength, horizon, variant);
  return tf.tensor2d(allowed.map((row) => row.map((ok) => (ok ? 0 : MASKED_SCORE))));
}
