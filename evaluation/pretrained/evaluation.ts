/**
 * What the pretrained-market-model study adds to an evaluation (issue 19), for its report
 * sections: the pretraining record of each fold, the variance forecasts scored against
 * GARCH(1,1) and the realised-volatility naive, and the synthetic paths' stylised facts.
 */
import type { FactComparison } from "./synthetic_facts.ts";
import type { VarianceScore } from "./variance_scores.ts";

export interface PretrainingRecord {
  testYear: number | null;
  series: number;
  windows: number;
  firstDate: string;
  lastDate: string;
  excluded: { symbol: string; reason: string }[];
  steps: number;
  firstLoss: number;
  lastLoss: number;
}

export interface PretrainedEvaluation {
  /** Labels the variance scores are Diebold–Mariano-tested against. */
  references: string[];
  variance: VarianceScore[];
  pretraining: PretrainingRecord[];
  synthetic: {
    testYear: number | null;
    steps: number;
    paths: number;
    models: { label: string; facts: FactComparison[] }[];
  }[];
}
