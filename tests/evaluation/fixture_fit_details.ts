/**
 * What the fixture's models report about their fits: a TFT-like training history, ridge
 * coefficients on flattened inputs, and tree importances.
 */
import type { EpochRecord } from "../../models/contract.ts";

export function tftHistory(year: number, normal: () => number): EpochRecord[] {
  return Array.from({ length: 12 }, (_, e) => {
    const loss = 1 + 0.3 * ((e - 5) / 6) ** 2 + 0.02 * normal() + (year - 2019) * 0.01;
    return {
      epoch: e + 1,
      trainLoss: 1.3 - 0.03 * e,
      validationLoss: loss,
      validationDirectionalAccuracy: 0.58 - 0.4 * (loss - 1) + 0.02 * normal(),
      predictionStdRatio: 0.6 * Math.exp(-(0.08 + 0.02 * (year % 5)) * e),
      shareLong: Math.min(1, 0.5 + (0.02 + 0.006 * (year % 4)) * e),
      outputToEncoderGradRatio: 3 + e,
      learningRate: 0.001,
    };
  });
}

const FLAT_INPUTS = ["ret", "vix", "cpi_yoy"].flatMap((name) =>
  [0, 1, 2, 3, 4].map((lag) => `lag${lag}:${name}`)
);

/** A ridge fit on 15 flattened inputs: lag0:vix strongest and always negative. */
export function ridgeCoefficients(year: number): Record<string, number> {
  const table: Record<string, number> = { intercept: 0.0011 };
  FLAT_INPUTS.forEach((name, j) => {
    table[name] = name === "lag0:vix" ? -0.0009 - 0.0001 * (year % 2) : 0.0001 * ((j % 5) - 2);
  });
  return table;
}

/** Tree importances normalised over all inputs (past and static together sum to 1). */
export function treeImportance(year: number) {
  const raw = FLAT_INPUTS.map((name, j) => (name === "lag0:ret" ? 6 : 1 + (j % 3)) + (year % 2));
  const statics = { regime_calm: 0.5, regime_stress: 1.5 };
  const total = raw.reduce((a, b) => a + b, 0) + statics.regime_calm + statics.regime_stress;
  return {
    past: Object.fromEntries(FLAT_INPUTS.map((name, j) => [name, raw[j] / total])),
    static: Object.fromEntries(Object.entries(statics).map(([name, v]) => [name, v / total])),
    future: {},
  };
}
