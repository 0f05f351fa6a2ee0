/**
 * One chunk of the search: fit every spec on the design's training rows, then record its
 * validation accuracy (the in-sample selection score) and its calls on the test rows.
 */
import type { SearchDesign } from "./design.ts";
import { fitSearchModel, predictCalls } from "./families.ts";
import { accuracy } from "./score.ts";
import { describeSpec, type SearchSpec } from "./spec.ts";

export interface ChunkResult {
  kind: "search-chunk";
  chunk: number;
  specs: SearchSpec[];
  names: string[];
  /** Accuracy of each model on the validation rows. */
  validationAccuracy: Float64Array;
  /** Test calls, model-major: testCalls[m * testRows + t]. */
  testCalls: Uint8Array;
  testRows: number;
}

export function runChunk(
  design: SearchDesign,
  options: { chunk: number; specs: SearchSpec[]; onModel?: (done: number) => void },
): ChunkResult {
  const { specs } = options;
  const { validation, test } = design;
  const testRows = test.to - test.from;
  const validationReturns = design.returns.subarray(validation.from, validation.to);
  const validationAccuracy = new Float64Array(specs.length);
  const testCalls = new Uint8Array(specs.length * testRows);
  specs.forEach((spec, m) => {
    const fit = fitSearchModel(spec, design);
    validationAccuracy[m] = accuracy(predictCalls(fit, design, validation), validationReturns);
    testCalls.set(predictCalls(fit, design, test), m * testRows);
    options.onModel?.(m + 1);
  });
  return {
    kind: "search-chunk",
    chunk: options.chunk,
    specs,
    names: specs.map(describeSpec),
    validationAccuracy,
    testCalls,
    testRows,
  };
}
