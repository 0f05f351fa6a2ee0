/**
 * "What the models look at", as sentences and short tables shared by `index.html` and
 * `summary.md`: where attention peaks over the input steps and how flat it is, attention by
 * layer, the largest importances per input group and the largest fitted coefficients — all
 * from the fold-averaged explanations of the evaluation. Wording follows what the numbers
 * are (selection weights, shares of a total, coefficients), read from the data itself.
 */
import {
  attentionShape,
  flatnessWords,
  foldsPeakingAt,
  isLastLayerMean,
} from "../evaluation/attention_shape.ts";
import type { EvaluationMetrics, ModelEvaluation } from "../evaluation/evaluation.ts";
import type { ExplanationSummary } from "../evaluation/explanation_summary.ts";
import { formatNumber } from "./format.ts";
import {
  type CoefficientTable,
  coefficientTable,
  type ImportanceTable,
  importanceTable,
  stepName,
} from "./interpretation_tables.ts";

/** A peak within 2% of uniform is no peak worth naming a step for. */
const FLAT_RATIO = 1.02;

export interface ModelInterpretation {
  model: ModelEvaluation;
  /** Plain sentences (no markup) on attention. */
  sentences: string[];
  importance: ImportanceTable | null;
  coefficients: CoefficientTable | null;
}

/** Models with an explanation, in report order. */
export function interpretations(metrics: EvaluationMetrics): ModelInterpretation[] {
  return metrics.models.flatMap((model) => {
    const explanation = model.explanation;
    if (!explanation) return [];
    const sentences = [attentionSentence(explanation), layerSentence(explanation)]
      .filter((s): s is string => s !== null);
    const importance = importanceTable(explanation);
    const coefficients = coefficientTable(explanation);
    if (sentences.length === 0 && !importance && !coefficients) return [];
    return [{ model, sentences, importance, coefficients }];
  });
}

/** What the attention profile is an average of, from the fields the model filled. */
export function attentionBasis(explanation: ExplanationSummary): string {
  const folds = `${explanation.attention?.byFold.length ?? explanation.folds} folds`;
  if (isLastLayerMean(explanation)) {
    const heads = explanation.attentionByHead!.at(-1)!.length;
    return `the last attention layer, mean over its ${heads} heads, the test forecasts and ${folds}`;
  }
  return `mean over heads, test forecasts and ${folds}`;
}

function attentionSentence(explanation: ExplanationSummary): string | null {
  const attention = explanation.attention;
  if (!attention) return null;
  const shape = attentionShape(attention.steps, attention.mean);
  const w = (x: number) => formatNumber(x, 3);
  const uniform = Math.abs(shape.total - 1) < 1e-3
    ? `uniform 1/${shape.steps} = ${w(shape.uniform)}`
    : `uniform ${w(shape.uniform)}`;
  const parts = [
    `Attention over the ${shape.steps} input steps (${attentionBasis(explanation)}) is ` +
    `${flatnessWords(shape)}: highest at ${stepName(shape.peakStep)} (${w(shape.peak)}, ` +
    `${formatNumber(shape.peakRatio, 2)}× the ${uniform}), lowest at ` +
    `${stepName(shape.lowStep)} (${w(shape.low)}); normalised entropy ` +
    `${formatNumber(shape.entropy, 3)} (1 = flat).`,
  ];
  if (attention.byFold.length > 1) {
    parts.push(
      `${foldsPeakingAt(attention, shape.peakStep)} of ${attention.byFold.length} folds ` +
        `peak at ${stepName(shape.peakStep)} too.`,
    );
  }
  if (shape.total < 0.99) {
    parts.push(
      `The weights on input steps sum to ${w(shape.total)}: the other ` +
        `${formatNumber((1 - shape.total) * 100, 1)}% goes to positions that are not input ` +
        "steps (the query's own token or later steps).",
    );
  }
  return parts.join(" ");
}

/** Per layer: the mean over heads against uniform, and the most peaked head. */
function layerSentence(explanation: ExplanationSummary): string | null {
  const layers = explanation.attentionByHead;
  if (!layers || layers.length === 0 || layers[0].length === 0) return null;
  const length = layers[0][0].length;
  const steps = Array.from({ length }, (_, s) => s - length + 1);
  const perLayer = layers.map((heads, l) => {
    const meanOverHeads = steps.map((_, s) => heads.reduce((a, h) => a + h[s], 0) / heads.length);
    const shape = attentionShape(steps, meanOverHeads);
    const ratio = `${formatNumber(shape.peakRatio, 2)}×`;
    return shape.peakRatio < FLAT_RATIO
      ? `layer ${l + 1} flat (${ratio})`
      : `layer ${l + 1} ${ratio} at ${stepName(shape.peakStep)}`;
  });
  let best = { ratio: 0, layer: 0, head: 0, step: 0 };
  layers.forEach((heads, l) =>
    heads.forEach((head, h) => {
      const shape = attentionShape(steps, head);
      if (shape.peakRatio > best.ratio) {
        best = { ratio: shape.peakRatio, layer: l, head: h, step: shape.peakStep };
      }
    })
  );
  return `By layer (mean over heads; peak ÷ uniform): ${perLayer.join(", ")}. Most peaked ` +
    `head: layer ${best.layer + 1} head ${best.head + 1}, ${
      formatNumber(best.ratio, 2)
    }× uniform at ` +
    `${stepName(best.step)}.`;
}
