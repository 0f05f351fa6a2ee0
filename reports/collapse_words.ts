/**
 * The conclusion's sentences on a collapsed model and on a volatility model, worded from
 * what was measured: calls on one side (a constant call), forecasts that barely move (a
 * near-constant forecast whose calls hang on its sign), or both; and a model that forecasts
 * variance (GARCH) judged on its variance forecasts, not on the sign of its fitted mean.
 */
import { COLLAPSE_SHARE, COLLAPSE_STD_RATIO } from "../evaluation/collapse.ts";
import type { ModelEvaluation } from "../evaluation/evaluation.ts";
import type { VolatilityScore } from "../evaluation/volatility.ts";
import { formatNumber, formatPercent } from "./format.ts";

/** The side most calls are on, and the share of calls on it. */
function majority(shareLong: number): { side: "up" | "down"; share: number } {
  return shareLong >= 0.5
    ? { side: "up", share: shareLong }
    : { side: "down", share: 1 - shareLong };
}

/** A collapsed model's sentence; `unit` is "weeks" or "days". */
export function collapseSentence(model: ModelEvaluation, unit: string): string {
  const { shareLong, stdRatio, predictionStd } = model.pooled;
  if (shareLong === null) return "It made no direction calls on the test rows.";
  const { side, share } = majority(shareLong);
  const calls = `"${side}" on ${formatPercent(share)} of test ${unit}`;
  if (stdRatio === null && predictionStd === 0) {
    return `Its forecasts are constant, so it makes the same call on every test row ` +
      `(${calls}).`;
  }
  const oneSided = share >= COLLAPSE_SHARE;
  const flat = stdRatio !== null && stdRatio < COLLAPSE_STD_RATIO;
  const ratio = stdRatio !== null && stdRatio < 0.001 ? "less than 0.1%" : formatPercent(stdRatio);
  const spread = (whose: string) => `${whose} std is ${ratio} of the realised returns'`;
  if (oneSided) {
    return `It has collapsed to a constant call: it calls ${calls}` +
      (flat ? `, and ${spread("its forecasts'")}.` : ".");
  }
  // Collapsed by spread alone: the calls are split, but carried by forecasts near zero.
  return `Its forecasts have collapsed to almost a constant: ${spread("their")}, so its calls ` +
    `(${calls}) hang on forecasts barely different from zero rather than on a view of ` +
    "the direction.";
}

export type VolatilityVerdict = "beats a constant" | "no better than a constant";

export function volatilityVerdict(score: VolatilityScore): VolatilityVerdict {
  return score.qlikeConstant !== null && score.qlike < score.qlikeConstant
    ? "beats a constant"
    : "no better than a constant";
}

/** How a model that forecasts variance did at it, ending in its verdict. */
export function volatilitySentence(score: VolatilityScore, unit: string): string {
  const verdict = volatilityVerdict(score) === "beats a constant"
    ? "it forecasts volatility better than the best constant variance in hindsight"
    : "it does not forecast volatility better than the best constant variance in hindsight";
  return `It forecasts volatility, so it is judged on that: over ${score.rows} test ${unit} ` +
    `its σ̂² correlates with the squared forecast errors at r = ` +
    `${formatNumber(score.correlation, 2)}, ${formatPercent(score.coverage95)} of returns ` +
    `fell within ± 1.96 σ̂ (95% expected), and its QLIKE is ${formatNumber(score.qlike, 3)} ` +
    `against ${formatNumber(score.qlikeConstant, 3)} for a constant (lower is better): ` +
    `${verdict}.`;
}

/** Its direction calls are a by-product: the sign of a fitted mean that barely moves. */
export function byProductSentence(model: ModelEvaluation, unit: string): string {
  const { shareLong } = model.pooled;
  if (shareLong === null) return "";
  const { side, share } = majority(shareLong);
  return `Its direction calls ("${side}" on ${formatPercent(share)} of test ${unit}) are the ` +
    "sign of its point forecast, a fitted mean that barely moves, so they are not what it " +
    "forecasts.";
}
