/**
 * The TFT's attention-mask variants (see `mask.ts`), in a module of their own so the config
 * schema (and the model catalog through it) does not import tfjs or the mask code.
 */
export type AttentionMaskVariant = "exclude-self" | "include-self";
export const ATTENTION_MASK_VARIANTS: readonly AttentionMaskVariant[] = [
  "exclude-self",
  "include-self",
];
